using VirtRigaud.Grpc;
using VirtRigaud.Provider.Libvirt.Service;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Tests.Service;

public sealed class NfsUrlTests
{
    [Theory]
    [InlineData("nfs://10.0.0.5/exports/vm/vmmigrations-ns-m-export.qcow2")]
    [InlineData("nfs://nas.example.com/srv/nfs/vmmigrations-ns-m-export.qcow2?uid=1000&gid=1000")]
    [InlineData("nfs://127.0.0.1/export/a%20b.qcow2?gid=0")]
    public void NfsUrl_UpstreamStagingUrls_Accepted(string url)
    {
        Assert.Equal(url, DiskTransfer.NfsUrl(url, "destination_url"));
    }

    [Theory]
    [InlineData("file:///tmp/x.qcow2")]
    [InlineData("nfs:///export/x.qcow2")]
    [InlineData("nfs://server")]
    [InlineData("nfs://server/")]
    [InlineData("nfs://server/export/")]
    [InlineData("nfs://server/export/../etc/shadow")]
    [InlineData("nfs://server/export/%2e%2e/etc/shadow")]
    [InlineData("nfs://server/export/./x.qcow2")]
    [InlineData("nfs://server/export/x.qcow2?debug=2")]
    [InlineData("nfs://server/export/x.qcow2?uid=-1")]
    [InlineData("nfs://server/export/x.qcow2?uid")]
    [InlineData("nfs://server/export/x\n.qcow2")]
    public void NfsUrl_Unsafe_InvalidArgumentNamingTheField(string url)
    {
        var e = Assert.Throws<ProviderException>(() => DiskTransfer.NfsUrl(url, "source_url"));

        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains("source_url", e.Message, StringComparison.Ordinal);
    }
}
