using VirtRigaud.Provider.Libvirt.Transport;

namespace VirtRigaud.Provider.Libvirt.Tests.Transport;

public sealed class LibvirtEndpointTests
{
    [Theory]
    [InlineData("qemu+ssh://root@kvm1.example.org/system", "root", "kvm1.example.org", 22, "qemu:///system")]
    [InlineData("qemu+ssh://virt@10.0.0.5:2222/system", "virt", "10.0.0.5", 2222, "qemu:///system")]
    [InlineData("qemu+ssh://virt@[fd00::5]:2200/session", "virt", "fd00::5", 2200, "qemu:///session")]
    [InlineData("qemu+ssh://kvm1/system", null, "kvm1", 22, "qemu:///system")]
    [InlineData("qemu+ssh://root@h/system?socket=/run/x/libvirt-sock", "root", "h", 22, "qemu:///system?socket=/run/x/libvirt-sock")]
    public void Parse_SshForms_UserHostPortAndRemoteUri(string text, string? user, string host, int port, string uri)
    {
        var endpoint = LibvirtEndpoint.Parse(text);

        Assert.True(endpoint.IsSsh);
        Assert.Equal(user, endpoint.User);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(uri, endpoint.VirshUri);
    }

    [Theory]
    [InlineData("qemu:///system", "qemu", "qemu:///system")]
    [InlineData("qemu:///session", "qemu", "qemu:///session")]
    [InlineData("test:///default", "test", "test:///default")]
    [InlineData("test:///etc/fixture.xml", "test", "test:///etc/fixture.xml")]
    [InlineData("qemu:///system?socket=/tmp/s/libvirt-sock", "qemu", "qemu:///system?socket=/tmp/s/libvirt-sock")]
    public void Parse_LocalForms_RunLocally(string text, string driver, string uri)
    {
        var endpoint = LibvirtEndpoint.Parse(text);

        Assert.False(endpoint.IsSsh);
        Assert.Equal(driver, endpoint.Driver);
        Assert.Equal(uri, endpoint.VirshUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kvm1")]
    [InlineData("qemu+tcp://kvm1/system")]
    [InlineData("qemu://kvm1/system")]
    [InlineData("qemu+ssh://root@kvm1/")]
    [InlineData("qemu+ssh://-oProxyCommand=x@kvm1/system")]
    [InlineData("qemu+ssh://root@-oProxyCommand=x/system")]
    [InlineData("qemu+ssh://root@kvm1:99999/system")]
    [InlineData("qemu+ssh://root@kvm1/system?no_verify=1")]
    [InlineData("qemu+ssh://root@kvm1/system?keyfile=/k")]
    [InlineData("qemu+ssh://root@kvm;rm/system")]
    [InlineData("qemu:///system?socket=relative")]
    public void Parse_Unsupported_FormatExceptionWithReason(string text)
    {
        var e = Assert.Throws<FormatException>(() => LibvirtEndpoint.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
