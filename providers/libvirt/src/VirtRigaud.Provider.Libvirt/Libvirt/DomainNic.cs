namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>A network interface of a domain.</summary>
/// <param name="Kind">How it attaches.</param>
/// <param name="Source">libvirt network name or host bridge name (empty for user-mode).</param>
/// <param name="Model">virtio, e1000, e1000e, rtl8139.</param>
/// <param name="Mac">Fixed MAC address, or null for libvirt's choice.</param>
internal sealed record DomainNic(DomainNicKind Kind, string Source, string Model, string? Mac);
