namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A VM as Describe and ListVMs report it, at one instant. Immutable.</summary>
public sealed record VmStatus
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The contract's power state: <c>On</c> or <c>Off</c> (see <see cref="VmPowerState"/>).</summary>
    public required string PowerState { get; init; }

    public required VmPowerState DetailedPowerState { get; init; }

    public required IReadOnlyList<string> IpAddresses { get; init; }

    /// <summary><c>vnc://host:port</c> while the guest runs; empty otherwise.</summary>
    public required string ConsoleUrl { get; init; }

    public required int Cpu { get; init; }

    public required int MemoryMiB { get; init; }

    public required IReadOnlyList<VmDiskStatus> Disks { get; init; }

    public required IReadOnlyList<VmNicStatus> Networks { get; init; }

    /// <summary>Provider-specific details (DescribeResponse.provider_raw_json, VMInfo.provider_raw); never a secret.</summary>
    public required IReadOnlyDictionary<string, string> Details { get; init; }
}
