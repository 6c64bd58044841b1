using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>What the controller knows of a VM's current hardware. Immutable.</summary>
public sealed record ObservedHardware
{
    /// <summary><c>status.currentResources</c> (null: unknown, CPU/memory are then left alone, as upstream).</summary>
    public VirtualMachineResources? Current { get; init; }

    /// <summary>The root disk's size in bytes (GetDiskInfo of the primary disk); null when unknown.</summary>
    public long? PrimaryDiskBytes { get; init; }

    /// <summary>
    /// Sizes of the named disks in bytes: a name that is missing does not exist on the provider yet; a null value is a
    /// disk whose size is unknown (the provider does not answer GetDiskInfo).
    /// </summary>
    public IReadOnlyDictionary<string, long?> DiskBytes { get; init; } = new Dictionary<string, long?>();

    /// <summary>The root disk size (GiB) the controller last applied or verified; null when unknown (e.g. after a restart).</summary>
    public int? AppliedPrimaryDiskGiB { get; init; }
}
