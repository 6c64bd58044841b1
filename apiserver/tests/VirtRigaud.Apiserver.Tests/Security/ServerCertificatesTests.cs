using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Security.Certificates;

namespace VirtRigaud.Apiserver.Tests.Security;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServerCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset StartTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "virtrigaud-pki-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(StartTime);

    private ApiServerOptions Options => new() { DataDirectory = _directory };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadOrCreate_FirstStart_GeneratesCaServingAndAdminWithPrivateKeys()
    {
        using var certificates = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance);

        var pki = Path.Combine(_directory, "pki");
        Assert.Equal(
            ["admin.crt", "admin.key", "apiserver.crt", "apiserver.key", "ca.crt", "ca.key"],
            Directory.GetFiles(pki).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var key in Directory.GetFiles(pki, "*.key"))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        var ca = certificates.Authority.Certificate;
        Assert.Equal("CN=virtrigaud-ca", ca.Subject);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(StartTime.AddDays(3650).UtcDateTime, ca.NotAfter.ToUniversalTime());
        Assert.Equal("CN=admin, O=system:masters", certificates.Admin.Subject);
        Assert.True(certificates.Admin.HasPrivateKey);
        Assert.True(certificates.Authority.Issued(certificates.Serving, StartTime, TimeSpan.Zero));
        Assert.True(certificates.Authority.Issued(certificates.Admin, StartTime, TimeSpan.Zero));

        var (dnsNames, addresses) = CertificateAuthority.SubjectAlternativeNames(certificates.Serving);
        Assert.Equal(
            ["localhost", "virtrigaud-apiserver.virtrigaud-system.svc", "virtrigaud-apiserver.virtrigaud-system.svc.cluster.local"],
            dnsNames.Order(StringComparer.Ordinal));
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], addresses);
    }

    [Fact]
    public void LoadOrCreate_SecondStart_ReusesEveryCertificate()
    {
        string[] first;
        using (var certificates = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance))
        {
            first = [certificates.Authority.Certificate.Thumbprint, certificates.Serving.Thumbprint, certificates.Admin.Thumbprint];
        }

        _time.Now = StartTime.AddDays(100);
        using var again = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance);

        Assert.Equal(first, new[] { again.Authority.Certificate.Thumbprint, again.Serving.Thumbprint, again.Admin.Thumbprint });
    }

    [Fact]
    public void LoadOrCreate_BindAddressChanged_RenewsOnlyTheServingCertificate()
    {
        string caThumbprint, servingThumbprint, adminThumbprint;
        using (var certificates = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance))
        {
            (caThumbprint, servingThumbprint, adminThumbprint) =
                (certificates.Authority.Certificate.Thumbprint, certificates.Serving.Thumbprint, certificates.Admin.Thumbprint);
        }

        using var again = ServerCertificates.LoadOrCreate(Options with { BindAddress = "10.1.2.3" }, _time, NullLogger.Instance);

        Assert.Equal(caThumbprint, again.Authority.Certificate.Thumbprint);
        Assert.Equal(adminThumbprint, again.Admin.Thumbprint);
        Assert.NotEqual(servingThumbprint, again.Serving.Thumbprint);
        Assert.Contains(IPAddress.Parse("10.1.2.3"), CertificateAuthority.SubjectAlternativeNames(again.Serving).Addresses);
    }

    [Fact]
    public void LoadOrCreate_CertificatesAboutToExpire_RenewsThemUnderTheSameCa()
    {
        string caThumbprint, servingThumbprint, adminThumbprint;
        using (var certificates = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance))
        {
            (caThumbprint, servingThumbprint, adminThumbprint) =
                (certificates.Authority.Certificate.Thumbprint, certificates.Serving.Thumbprint, certificates.Admin.Thumbprint);
        }

        // 365-day certificates renewed 30 days before they expire.
        _time.Now = StartTime.AddDays(340);
        using var again = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance);

        Assert.Equal(caThumbprint, again.Authority.Certificate.Thumbprint);
        Assert.NotEqual(servingThumbprint, again.Serving.Thumbprint);
        Assert.NotEqual(adminThumbprint, again.Admin.Thumbprint);
        Assert.True(again.Authority.Issued(again.Serving, _time.Now, TimeSpan.FromDays(300)));
    }

    [Fact]
    public void LoadOrCreate_CaReplaced_ReissuesLeafCertificates()
    {
        string servingThumbprint;
        using (var certificates = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance))
        {
            servingThumbprint = certificates.Serving.Thumbprint;
        }

        File.Delete(Path.Combine(_directory, "pki", "ca.key"));
        using var again = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance);

        Assert.NotEqual(servingThumbprint, again.Serving.Thumbprint);
        Assert.True(again.Authority.Issued(again.Serving, StartTime, TimeSpan.Zero));
        Assert.True(again.Authority.Issued(again.Admin, StartTime, TimeSpan.Zero));
    }

    [Fact]
    public void LoadOrCreate_ClientCaFile_TrustedBesidesTheGeneratedCa()
    {
        using var other = CertificateAuthority.Create("other-ca", StartTime, TimeSpan.FromDays(1));
        Directory.CreateDirectory(_directory);
        var bundle = Path.Combine(_directory, "clients.pem");
        File.WriteAllText(bundle, other.Certificate.ExportCertificatePem());

        using var certificates = ServerCertificates.LoadOrCreate(Options with { ClientCaFile = bundle }, _time, NullLogger.Instance);

        Assert.Equal(
            [certificates.Authority.Certificate.Thumbprint, other.Certificate.Thumbprint],
            certificates.ClientAuthorities.Select(c => c.Thumbprint));
    }

    [Fact]
    public void KubeconfigWriter_Write_ProducesAPrivateKubeconfigWithEmbeddedCredentials()
    {
        using var certificates = ServerCertificates.LoadOrCreate(Options, _time, NullLogger.Instance);
        var path = Path.Combine(_directory, "kubeconfig");

        KubeconfigWriter.Write(path, new Uri("https://127.0.0.1:8443"), certificates.ServingTrustPem, certificates.Admin, "admin");

        var text = File.ReadAllText(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains("    server: \"https://127.0.0.1:8443\"\n", text, StringComparison.Ordinal);
        Assert.Contains("current-context: \"virtrigaud\"\n", text, StringComparison.Ordinal);
        var caData = Line(text, "certificate-authority-data: ");
        var certData = Line(text, "client-certificate-data: ");
        var keyData = Line(text, "client-key-data: ");
        using var ca = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(caData)));
        Assert.Equal(certificates.Authority.Certificate.Thumbprint, ca.Thumbprint);
        using var admin = X509Certificate2.CreateFromPem(
            System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(certData)),
            System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(keyData)));
        Assert.Equal(certificates.Admin.Thumbprint, admin.Thumbprint);
        Assert.True(admin.HasPrivateKey);
    }

    private static string Line(string text, string prefix) =>
        text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}
