namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>What a Reconfigure has to do to bring a VM to its desired hardware, as <see cref="ReconfigurePlanner"/> decided. Immutable.</summary>
public sealed record ReconfigurePlan
{
    /// <summary>The changes, human-readable (<c>2 → 4 vCPU</c>, <c>disk data 10 → 20 GiB</c>); empty when nothing changes.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>Asked-for changes that cannot be made (a disk shrinking), each naming the field; they are left out of the Reconfigure.</summary>
    public IReadOnlyList<string> Refusals { get; init; } = [];

    /// <summary>Whether every change can be applied while the VM runs (by the provider's capabilities and the disks' <c>expandPolicy</c>).</summary>
    public bool Online { get; init; }

    /// <summary>The root disk size to send (Reconfigure's <c>Class.DiskDefaults.SizeGiB</c>): 0 leaves it as it is.</summary>
    public int PrimaryDiskSizeGiB { get; init; }

    /// <summary>The size to send per named disk (a refused shrink keeps the current size).</summary>
    public IReadOnlyDictionary<string, int> DiskSizesGiB { get; init; } = new Dictionary<string, int>();

    /// <summary>Whether anything changes.</summary>
    public bool HasChanges => Changes.Count > 0;

    /// <summary>The changes in one line.</summary>
    public string Summary => string.Join(", ", Changes);
}
