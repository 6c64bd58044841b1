using System.Net;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Security;

public sealed class PeerCertificateValidatorTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();

    public void Dispose() => _ca.Dispose();

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("api.svc.cluster.local", true)]
    [InlineData("x.api.svc.cluster.local", false)]
    [InlineData("a.workers.example", true)]
    [InlineData("workers.example", false)]
    [InlineData("a.b.workers.example", false)]
    [InlineData("127.0.0.2", false)]
    [InlineData("other.example", false)]
    [InlineData("not a host", false)]
    public void Validate_ServerName_MatchesDnsAndIpSansOnly(string host, bool accepted)
    {
        using var server = _ca.IssueServerCertificate(["localhost", "api.svc.cluster.local", "*.workers.example"], [IPAddress.Loopback, IPAddress.IPv6Loopback]);

        var reason = Validate(server, PeerCertificateValidator.ServerAuthenticationOid, host);

        Assert.Equal(accepted, reason is null);
    }

    [Fact]
    public void Validate_NameOnlyInCommonName_IsRejected()
    {
        using var server = _ca.Issue("localhost", CertificateUsages.ServerAuthentication);

        var reason = Validate(server, PeerCertificateValidator.ServerAuthenticationOid, "localhost");

        Assert.Equal("certificate does not name \"localhost\" in a DNS or IP subject alternative name", reason);
    }

    [Theory]
    [InlineData(CertificateUsages.ClientAuthentication, PeerCertificateValidator.ClientAuthenticationOid, true)]
    [InlineData(CertificateUsages.ClientAuthentication, PeerCertificateValidator.ServerAuthenticationOid, false)]
    [InlineData(CertificateUsages.ServerAuthentication, PeerCertificateValidator.ClientAuthenticationOid, false)]
    [InlineData(CertificateUsages.ServerAuthentication | CertificateUsages.ClientAuthentication, PeerCertificateValidator.ClientAuthenticationOid, true)]
    [InlineData(CertificateUsages.None, PeerCertificateValidator.ClientAuthenticationOid, true)]
    public void Validate_ExtendedKeyUsage_MustAllowTheRole(CertificateUsages usages, string requiredOid, bool accepted)
    {
        using var leaf = _ca.Issue("peer", usages);

        var reason = Validate(leaf, requiredOid, expectedHost: null);

        Assert.Equal(accepted, reason is null);
        if (!accepted)
        {
            Assert.Contains(nameof(X509ChainStatusFlags.NotValidForUsage), reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_CertificateFromAnotherCa_IsRejected()
    {
        using var otherCa = TestCertificateAuthority.Create("Other CA");
        using var foreign = otherCa.IssueClientCertificate("intruder");

        var reason = Validate(foreign, PeerCertificateValidator.ClientAuthenticationOid, expectedHost: null);

        Assert.StartsWith("certificate chain is not valid: ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SelfSignedLeafWithTheCaSubject_IsRejected()
    {
        // Same subject as our CA, different key: only the key pins the root, never the name.
        using var impostor = TestCertificateAuthority.Create();
        using var leaf = impostor.IssueClientCertificate("client");

        Assert.NotNull(Validate(leaf, PeerCertificateValidator.ClientAuthenticationOid, expectedHost: null));
    }

    [Fact]
    public void Validate_NoTrustedCa_IsRejected()
    {
        using var leaf = _ca.IssueClientCertificate("client");

        var reason = PeerCertificateValidator.Validate(leaf, null, [], PeerCertificateValidator.ClientAuthenticationOid, null, DateTimeOffset.UtcNow);

        Assert.Equal("no CA certificate is trusted", reason);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(3, false)]
    public void Validate_VerificationTime_MustFallInsideValidity(int daysFromNow, bool accepted)
    {
        var now = DateTimeOffset.UtcNow;
        using var leaf = _ca.Issue("client", CertificateUsages.ClientAuthentication, notBefore: now, notAfter: now.AddDays(2));

        var reason = PeerCertificateValidator.Validate(leaf, null, Trusted(), PeerCertificateValidator.ClientAuthenticationOid, null, now.AddDays(daysFromNow));

        Assert.Equal(accepted, reason is null);
    }

    private string? Validate(X509Certificate2 leaf, string requiredOid, string? expectedHost) =>
        PeerCertificateValidator.Validate(leaf, null, Trusted(), requiredOid, expectedHost, DateTimeOffset.UtcNow);

    private X509Certificate2Collection Trusted() => [X509CertificateLoader.LoadCertificate(_ca.Certificate.RawData)];
}
