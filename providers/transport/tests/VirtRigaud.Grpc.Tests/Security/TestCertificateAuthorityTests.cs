using System.Net;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Security;

public sealed class TestCertificateAuthorityTests
{
    [Theory]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, "1.2.840.10045.2.1")]
    [InlineData(CertificateKeyAlgorithm.Rsa2048, "1.2.840.113549.1.1.1")]
    public void Create_CaCertificate_IsASelfSignedCaLimitedToIssuingLeaves(CertificateKeyAlgorithm algorithm, string keyOid)
    {
        using var ca = TestCertificateAuthority.Create("Unit CA", algorithm);

        var certificate = ca.Certificate;
        Assert.Equal("CN=Unit CA, O=VirtRigaud.NET", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(keyOid, certificate.PublicKey.Oid.Value);
        var constraints = Extension<X509BasicConstraintsExtension>(certificate);
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.True(constraints.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, Extension<X509KeyUsageExtension>(certificate).KeyUsages);
    }

    [Fact]
    public void IssueLocalhostServerCertificate_HasLoopbackNamesAndServerAuthOnly()
    {
        using var ca = TestCertificateAuthority.Create();

        using var server = ca.IssueLocalhostServerCertificate();

        var names = Extension<X509SubjectAlternativeNameExtension>(server);
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
        Assert.Equal([PeerCertificateValidator.ServerAuthenticationOid], Usages(server));
        Assert.False(Extension<X509BasicConstraintsExtension>(server).CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, Extension<X509KeyUsageExtension>(server).KeyUsages);
        Assert.Equal(ca.Certificate.Subject, server.Issuer);
        Assert.True(server.HasPrivateKey);
    }

    [Fact]
    public void IssueClientCertificate_HasClientAuthOnlyAndNoNames()
    {
        using var ca = TestCertificateAuthority.Create(keyAlgorithm: CertificateKeyAlgorithm.Rsa2048);

        using var client = ca.IssueClientCertificate("provider-libvirt, evil=1");

        // The builder escapes the comma: the subject keeps one common name, no injected attribute.
        Assert.Equal("provider-libvirt, evil=1", client.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal([PeerCertificateValidator.ClientAuthenticationOid], Usages(client));
        Assert.Null(client.Extensions.OfType<X509SubjectAlternativeNameExtension>().SingleOrDefault());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, Extension<X509KeyUsageExtension>(client).KeyUsages);
    }

    [Fact]
    public void Issue_BothUsages_CarriesBothExtendedKeyUsages()
    {
        using var ca = TestCertificateAuthority.Create();

        using var both = ca.Issue("peer", CertificateUsages.ServerAuthentication | CertificateUsages.ClientAuthentication, ["peer.svc"]);

        Assert.Equal([PeerCertificateValidator.ServerAuthenticationOid, PeerCertificateValidator.ClientAuthenticationOid], Usages(both));
    }

    [Fact]
    public void Issue_TwoCertificatesForTheSameName_HaveDistinctPositiveSixteenByteSerials()
    {
        using var ca = TestCertificateAuthority.Create();

        using var first = ca.IssueLocalhostServerCertificate();
        using var second = ca.IssueLocalhostServerCertificate();

        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.Equal(32, first.SerialNumber.Length);
        Assert.True(Convert.FromHexString(first.SerialNumber)[0] < 0x80);
    }

    [Fact]
    public void Issue_DefaultValidity_NeverOutlivesTheCa()
    {
        using var ca = TestCertificateAuthority.Create(validity: TimeSpan.FromDays(1));

        using var leaf = ca.IssueClientCertificate("client");

        Assert.True(leaf.NotAfter <= ca.Certificate.NotAfter);
        Assert.True(leaf.NotBefore <= DateTime.Now);
    }

    [Fact]
    public void WritePemFiles_WritesSecretLayoutThatTheReloaderLoads()
    {
        using var ca = TestCertificateAuthority.Create();
        using var leaf = ca.IssueLocalhostServerCertificate();
        using var directory = new TemporaryDirectory();

        ca.WritePemFiles(leaf, directory.Path);

        Assert.Equal(ca.ExportCertificatePem(), File.ReadAllText(directory.File("ca.crt")));
        Assert.Equal(leaf.ExportCertificatePem(), File.ReadAllText(directory.File("tls.crt")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(directory.File("tls.key")), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.File("tls.key")));
        }

        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var reloader = CertificateReloader.Start(CertificateReloaderOptions.ForDirectory(directory.Path) with { WatchFileSystem = false });
        Assert.Equal(leaf.Thumbprint, reloader.Current.Thumbprint);
    }

    [Fact]
    public void WriteCertificatePem_CreatesTheDirectoryAndWritesOnlyTheCaCertificate()
    {
        using var ca = TestCertificateAuthority.Create();
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, ".virtrigaud", "interop-ca.crt");

        ca.WriteCertificatePem(path);

        var written = X509CertificateLoader.LoadCertificateFromFile(path);
        Assert.Equal(ca.Certificate.Thumbprint, written.Thumbprint);
        Assert.False(written.HasPrivateKey);
    }

    [Fact]
    public void ExportPrivateKeyPem_CertificateWithoutKey_Throws()
    {
        using var ca = TestCertificateAuthority.Create();
        using var publicOnly = X509CertificateLoader.LoadCertificate(ca.Certificate.RawData);

        Assert.Throws<ArgumentException>(() => TestCertificateAuthority.ExportPrivateKeyPem(publicOnly));
    }

    private static T Extension<T>(X509Certificate2 certificate)
        where T : X509Extension => certificate.Extensions.OfType<T>().Single();

    private static string[] Usages(X509Certificate2 certificate) =>
        [.. Extension<X509EnhancedKeyUsageExtension>(certificate).EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value!)];
}
