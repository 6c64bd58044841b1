using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Etcd.Tests;

public sealed class TlsTests(TlsEtcdFixture etcd) : IClassFixture<TlsEtcdFixture>
{
    [Fact]
    public async Task Put_ClientCertificateFromTrustedCa_Succeeds()
    {
        using var certificate = etcd.Authority.IssueClientCertificate("apiserver");
        await using var client = new EtcdClient(etcd.Options(certificate));
        var key = EtcdFixture.UniquePrefix() + "k";

        await client.PutAsync(key, "secure");

        Assert.Equal("secure", Assert.Single((await client.GetAsync(key)).Kvs).Value.ToStringUtf8());
        Assert.Equal("https", etcd.Server.ClientUrl.Scheme);
    }

    [Fact]
    public async Task Range_NoClientCertificate_Fails()
    {
        await using var client = new EtcdClient(etcd.Options(clientCertificate: null));

        await Assert.ThrowsAsync<EtcdUnavailableException>(() => client.GetAsync("/x"));
    }

    [Fact]
    public async Task Range_ServerFromUntrustedCa_Fails()
    {
        using var other = TestCertificateAuthority.Create();
        using var certificate = etcd.Authority.IssueClientCertificate("apiserver");
        await using var client = new EtcdClient(etcd.Options(certificate, [other.Certificate]));

        await Assert.ThrowsAsync<EtcdUnavailableException>(() => client.GetAsync("/x"));
    }
}
