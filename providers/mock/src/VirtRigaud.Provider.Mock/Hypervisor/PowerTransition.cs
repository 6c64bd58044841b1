namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A power transition in progress: <see cref="Kind"/> is shown until <see cref="Until"/>, then the VM's settled state.</summary>
internal sealed class PowerTransition
{
    public required VmPowerState Kind { get; init; }

    public required DateTimeOffset Until { get; init; }

    /// <summary>The task that completes with the transition.</summary>
    public string? TaskId { get; init; }
}
