namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>What <see cref="DomainXmlReader"/> reads back from a domain's XML.</summary>
internal sealed record DomainDescription
{
    public required string Name { get; init; }

    public string Uuid { get; init; } = string.Empty;

    /// <summary>vCPUs now (<c>current</c>, else the maximum).</summary>
    public int VCpus { get; init; }

    /// <summary>The vCPU ceiling.</summary>
    public int MaxVCpus { get; init; }

    /// <summary><c>currentMemory</c> in MiB.</summary>
    public long MemoryMiB { get; init; }

    /// <summary><c>memory</c> (the ceiling) in MiB.</summary>
    public long MaxMemoryMiB { get; init; }

    public DomainFirmware Firmware { get; init; }

    public string? NvramPath { get; init; }

    /// <summary>Disks (device disk) with their files.</summary>
    public IReadOnlyList<DomainDisk> Disks { get; init; } = [];

    /// <summary>Files of CD-ROMs (the seed ISO).</summary>
    public IReadOnlyList<string> CdromFiles { get; init; } = [];

    /// <summary>Interfaces.</summary>
    public IReadOnlyList<DomainNic> Nics { get; init; } = [];

    /// <summary>VNC port when the domain runs and one is allocated.</summary>
    public int? VncPort { get; init; }

    /// <summary>Our tags from the metadata.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
