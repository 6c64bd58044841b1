namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>How a network interface attaches.</summary>
internal enum DomainNicKind
{
    /// <summary>A libvirt virtual network (<c>&lt;interface type='network'&gt;</c>).</summary>
    Network,

    /// <summary>An existing host bridge (<c>&lt;interface type='bridge'&gt;</c>).</summary>
    Bridge,

    /// <summary>QEMU user-mode networking (<c>&lt;interface type='user'&gt;</c>), for hosts without a bridge or libvirt network.</summary>
    User,
}
