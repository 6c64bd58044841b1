namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// The desired hardware of a Reconfigure (from the desired CreateRequest). Level-based: equal to the current state ⇒
/// no change. Disks are grown or added, never removed or shrunk. Immutable.
/// </summary>
public sealed record VmReconfigureSpec
{
    /// <summary>Desired vCPUs; 0 ⇒ unchanged.</summary>
    public int Cpu { get; init; }

    /// <summary>Desired memory; 0 ⇒ unchanged.</summary>
    public int MemoryMiB { get; init; }

    /// <summary>Desired primary disk size; 0 ⇒ unchanged.</summary>
    public int DiskSizeGiB { get; init; }

    public IReadOnlyList<DiskRequest> Disks { get; init; } = [];
}
