namespace VirtRigaud.Provider.Libvirt.Tests.Testing;

/// <summary>Tests that share the real libvirtd and sshd (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class LibvirtCollection : ICollectionFixture<LibvirtPeers>
{
    public const string Name = "libvirt";
}
