namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// Parsing of virsh's state words and the mapping to the contract's power states (upstream libvirt provider):
/// <code>
/// virsh            DomainState   power_state
/// running, idle    Running       On
/// blocked          Blocked       On
/// paused           Paused        Off
/// in shutdown      InShutdown    Off
/// shut off         ShutOff       Off
/// crashed          Crashed       Off
/// pmsuspended      PmSuspended   Off
/// no state/other   NoState       Off
/// </code>
/// </summary>
internal static class DomainStates
{
    /// <summary>The contract's power state "On".</summary>
    public const string On = "On";

    /// <summary>The contract's power state "Off".</summary>
    public const string Off = "Off";

    /// <summary>Parses the first line of <c>virsh domstate</c>.</summary>
    public static DomainState Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "running" or "idle" => DomainState.Running,
        "blocked" => DomainState.Blocked,
        "paused" => DomainState.Paused,
        "in shutdown" => DomainState.InShutdown,
        "shut off" => DomainState.ShutOff,
        "crashed" => DomainState.Crashed,
        "pmsuspended" => DomainState.PmSuspended,
        _ => DomainState.NoState,
    };

    /// <summary>The contract's power state for <paramref name="state"/>.</summary>
    public static string PowerState(DomainState state) => state is DomainState.Running or DomainState.Blocked ? On : Off;

    /// <summary>Whether qemu runs for the domain (it can be stopped with destroy).</summary>
    public static bool IsActive(DomainState state) => state is not DomainState.ShutOff and not DomainState.NoState and not DomainState.Crashed;

    /// <summary><paramref name="state"/> in virsh's words ("shut off", "crashed", …), for messages.</summary>
    public static string Describe(DomainState state) => state switch
    {
        DomainState.Running => "running",
        DomainState.Blocked => "blocked",
        DomainState.Paused => "paused",
        DomainState.InShutdown => "in shutdown",
        DomainState.ShutOff => "shut off",
        DomainState.Crashed => "crashed",
        DomainState.PmSuspended => "pmsuspended",
        _ => "no state",
    };
}
