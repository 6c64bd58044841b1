using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Security;

namespace VirtRigaud.Provider.Sdk.Tests.Security;

public sealed class ClientCertificateAuthorizerTests
{
    [Fact]
    public void Authorize_NoCertificate_Unauthenticated()
    {
        var status = new ClientCertificateAuthorizer([]).Authorize((X509Certificate2?)null);

        Assert.Equal(StatusCode.Unauthenticated, status?.Code);
    }

    [Fact]
    public void Authorize_EmptyAllowList_AnyCertificate()
    {
        using var certificate = Create("CN=anyone");

        Assert.Null(new ClientCertificateAuthorizer([" ", ""]).Authorize(certificate));
    }

    [Theory]
    [InlineData("manager.virtrigaud-system.svc", null)]
    [InlineData("MANAGER.virtrigaud-system.svc", null)]
    [InlineData("spiffe://cluster.local/ns/virtrigaud-system/sa/manager", null)]
    [InlineData("virtrigaud-manager", null)]
    [InlineData("other.example", StatusCode.PermissionDenied)]
    [InlineData("SPIFFE://cluster.local/ns/virtrigaud-system/sa/manager", StatusCode.PermissionDenied)]
    [InlineData("Virtrigaud-Manager", StatusCode.PermissionDenied)]
    public void Authorize_AllowList_MatchesDnsSanUriSanOrCn(string allowed, StatusCode? expected)
    {
        using var certificate = Create(
            "CN=virtrigaud-manager, O=virtrigaud",
            dns: "manager.virtrigaud-system.svc",
            uri: "spiffe://cluster.local/ns/virtrigaud-system/sa/manager");

        var status = new ClientCertificateAuthorizer(ClientCertificateAuthorizer.ParseAllowList($"nobody.example, {allowed} ,")).Authorize(certificate);

        Assert.Equal(expected, status?.Code);
    }

    [Fact]
    public void Authorize_Denied_MessageNamesSubjectAndVariable()
    {
        using var certificate = Create("CN=intruder");

        var status = new ClientCertificateAuthorizer(["manager"]).Authorize(certificate);

        Assert.Equal("client certificate \"CN=intruder\" is not in VIRTRIGAUD_PROVIDER_ALLOWED_SANS", status?.Detail);
    }

    [Fact]
    public void ReadSubjectAlternativeNames_DnsAndUri_OthersSkipped()
    {
        using var certificate = Create("CN=x", dns: "a.example", uri: "https://b.example/c", ip: true);

        var (dns, uris) = ClientCertificateAuthorizer.ReadSubjectAlternativeNames(certificate);

        Assert.Equal(["a.example"], dns);
        Assert.Equal(["https://b.example/c"], uris);
    }

    [Fact]
    public void ParseAllowList_TrimsAndDropsEmpty() =>
        Assert.Equal(["a", "b c"], ClientCertificateAuthorizer.ParseAllowList(" a ,, b c ,"));

    private static X509Certificate2 Create(string subject, string? dns = null, string? uri = null, bool ip = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (ip)
        {
            names.AddIpAddress(System.Net.IPAddress.Loopback);
        }

        if (dns is not null)
        {
            names.AddDnsName(dns);
        }

        if (uri is not null)
        {
            names.AddUri(new Uri(uri));
        }

        if (dns is not null || uri is not null || ip)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
