namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>Everything <see cref="DomainXmlBuilder"/> needs to write a domain definition. Immutable.</summary>
internal sealed record DomainSpec
{
    /// <summary>Domain name (= the VM id).</summary>
    public required string Name { get; init; }

    /// <summary><c>kvm</c> (hardware acceleration) or <c>qemu</c> (TCG emulation).</summary>
    public string DomainType { get; init; } = "kvm";

    /// <summary>Machine type (<c>q35</c>).</summary>
    public string Machine { get; init; } = "q35";

    /// <summary>The emulator binary; null = libvirt's default for the machine.</summary>
    public string? Emulator { get; init; }

    /// <summary>vCPUs at boot.</summary>
    public required int VCpus { get; init; }

    /// <summary>vCPU ceiling for hot-plug (≥ <see cref="VCpus"/>; equal = no headroom).</summary>
    public required int MaxVCpus { get; init; }

    /// <summary>Memory at boot, MiB (<c>currentMemory</c>).</summary>
    public required long MemoryMiB { get; init; }

    /// <summary>Memory ceiling, MiB (<c>memory</c>; the balloon can grow the guest up to it while running).</summary>
    public required long MaxMemoryMiB { get; init; }

    /// <summary>BIOS or UEFI.</summary>
    public DomainFirmware Firmware { get; init; } = DomainFirmware.Bios;

    /// <summary>UEFI with Secure Boot (needs <see cref="DomainFirmware.Uefi"/>).</summary>
    public bool SecureBoot { get; init; }

    /// <summary>This domain's own UEFI variable store (copied from the firmware's template by libvirt on first start).</summary>
    public string? NvramPath { get; init; }

    /// <summary>Disks in boot order (the first boots).</summary>
    public IReadOnlyList<DomainDisk> Disks { get; init; } = [];

    /// <summary>Network interfaces.</summary>
    public IReadOnlyList<DomainNic> Nics { get; init; } = [];

    /// <summary>The cloud-init NoCloud seed ISO, attached as a read-only CD-ROM; null = none.</summary>
    public string? SeedIsoPath { get; init; }

    /// <summary>Address the VNC server listens on.</summary>
    public string VncListen { get; init; } = "127.0.0.1";

    /// <summary>Tags recorded in the domain's metadata.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
