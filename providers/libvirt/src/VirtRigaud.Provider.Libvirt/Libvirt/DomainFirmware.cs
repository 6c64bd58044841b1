namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>Boot firmware.</summary>
internal enum DomainFirmware
{
    /// <summary>SeaBIOS.</summary>
    Bios,

    /// <summary>OVMF (UEFI) with a per-domain NVRAM file.</summary>
    Uefi,
}
