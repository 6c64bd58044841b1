using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// Maps provider answers to the VM's status vocabulary, so that <c>status.phase</c> is always meaningful:
/// <code>
/// situation                                                   phase
/// deletionTimestamp set                                       Deleting
/// dependencies missing, image not prepared yet                Pending
/// Create sent / its task running, image import running        Provisioning
/// an operation failed (refused RPC, failed task), or was      Failed   (Ready says why; retried with back-off
///   given up, or the spec cannot be created as written                  until MaxOperationAttempts, or terminal)
/// power, reboot, revert or resource change in flight          Reconfiguring
/// exists, observed power On / Off                             Running / Stopped
/// </code>
/// Pure and thread-safe.
/// </summary>
public static class VirtualMachinePhases
{
    /// <summary>
    /// A provider's <c>power_state</c> in our enum: <c>On</c>/<c>Off</c> as the shipped providers report them,
    /// case-insensitive, plus vSphere-style <c>poweredOn</c>/<c>poweredOff</c>; <c>Suspended</c> is Off (as upstream's
    /// libvirt maps it). Anything else (<c>Unknown</c>, "") is null: not known.
    /// </summary>
    public static PowerState? ParsePowerState(string? reported) => reported?.Trim().ToLowerInvariant() switch
    {
        "on" or "poweredon" or "running" => PowerState.On,
        "off" or "poweredoff" or "suspended" or "stopped" => PowerState.Off,
        _ => null,
    };

    /// <summary>The desired power state: <c>spec.powerState</c>, or On when unset (upstream's default).</summary>
    public static PowerState Desired(VirtualMachine vm) => vm.Spec.PowerState ?? PowerState.On;

    /// <summary>Whether the observed power state satisfies the desired one (OffGraceful is satisfied by Off).</summary>
    public static bool Satisfies(PowerState? observed, PowerState desired) => observed switch
    {
        PowerState.On => desired == PowerState.On,
        PowerState.Off => desired is PowerState.Off or PowerState.OffGraceful,
        _ => false,
    };

    /// <summary>The phase of an existing VM at rest: Running when On, Stopped when Off, Provisioning when not known yet.</summary>
    public static VirtualMachinePhase AtRest(PowerState? observed) => observed switch
    {
        PowerState.On => VirtualMachinePhase.Running,
        PowerState.Off or PowerState.OffGraceful => VirtualMachinePhase.Stopped,
        _ => VirtualMachinePhase.Provisioning,
    };
}
