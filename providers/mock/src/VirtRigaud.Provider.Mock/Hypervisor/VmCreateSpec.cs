namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>What to create: the hypervisor-level reading of a CreateRequest. Immutable.</summary>
public sealed record VmCreateSpec
{
    public required string Name { get; init; }

    public required int Cpu { get; init; }

    public required int MemoryMiB { get; init; }

    public string Firmware { get; init; } = "BIOS";

    /// <summary>Whether the guest runs tools (a guest agent): needed for graceful shutdown and for reporting IPs.</summary>
    public bool GuestTools { get; init; } = true;

    /// <summary>Type of the primary disk (class diskDefaults.type); empty ⇒ qcow2.</summary>
    public string DiskType { get; init; } = "";

    /// <summary>Primary disk size; 0 ⇒ the image's size or <see cref="MockHypervisorOptions.DefaultDiskSizeGiB"/>.</summary>
    public int DiskSizeGiB { get; init; }

    /// <summary>The image to boot from, or <c>null</c> for a blank disk.</summary>
    public ImageReference? Image { get; init; }

    public IReadOnlyList<DiskRequest> Disks { get; init; } = [];

    public IReadOnlyList<NicRequest> Networks { get; init; } = [];

    public string? Datastore { get; init; }

    public string? Cluster { get; init; }

    public string? Folder { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>From class extraConfig (e.g. vsphere.hardwareVersion); 0 ⇒ 1.</summary>
    public int HardwareVersion { get; init; }

    public int UserDataBytes { get; init; }

    public int MetaDataBytes { get; init; }
}
