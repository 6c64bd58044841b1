using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The manager's own CA for loopback mTLS with Local providers: an ECDSA P-256 CA kept in
/// <c>&lt;state&gt;/ca/ca.crt</c> and <c>ca.key</c> (directory 0700, key 0600), created on first use. It issues each
/// provider process a server certificate for <c>localhost</c>/<c>127.0.0.1</c>/<c>::1</c> and the manager a client
/// certificate (<c>CN=virtrigaud-manager</c>). Thread-safe after <see cref="LoadOrCreate"/>.
/// </summary>
internal sealed class LocalCertificateAuthority : IDisposable
{
    /// <summary>The manager's client identity: its CN and DNS SAN, and the provider's SAN allow-list entry.</summary>
    public const string ManagerIdentity = "virtrigaud-manager";

    /// <summary>The name the manager dials and checks on a Local provider's certificate.</summary>
    public const string ServerName = "localhost";

    private static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);
    private static readonly TimeSpan LeafValidity = TimeSpan.FromDays(365);
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    /// <summary>A stored client certificate with less validity left than this is replaced.</summary>
    public static readonly TimeSpan ClientRenewBefore = TimeSpan.FromDays(30);
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2 _ca;
    private readonly TimeProvider _time;

    private LocalCertificateAuthority(X509Certificate2 ca, TimeProvider time)
    {
        _ca = ca;
        _time = time;
        CaPem = ca.ExportCertificatePem();
    }

    /// <summary>The CA certificate (PEM).</summary>
    public string CaPem { get; }

    /// <summary>Loads the CA from <paramref name="directory"/>, or creates it there. Writes files on first use.</summary>
    /// <exception cref="IOException">The directory cannot be written or the files cannot be read.</exception>
    /// <exception cref="CryptographicException">The files do not hold a certificate and its key.</exception>
    public static LocalCertificateAuthority LoadOrCreate(string directory, TimeProvider time)
    {
        var certPath = Path.Combine(directory, "ca.crt");
        var keyPath = Path.Combine(directory, "ca.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            return new LocalCertificateAuthority(X509Certificate2.CreateFromPemFile(certPath, keyPath), time);
        }

        PrivateDirectory.Create(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=virtrigaud-local-provider-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var ca = request.CreateSelfSigned(now - Backdate, now + CaValidity);
        PrivateDirectory.WriteFile(keyPath, key.ExportPkcs8PrivateKeyPem());
        PrivateDirectory.WriteFile(certPath, ca.ExportCertificatePem());
        return new LocalCertificateAuthority(ca, time);
    }

    /// <summary>A server certificate and key (PEM) for a provider process on loopback. Pure apart from the clock and randomness.</summary>
    public (string CertificatePem, string KeyPem) IssueServer(string commonName)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ServerName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        return Issue(commonName, names, ServerAuthOid);
    }

    /// <summary>
    /// The manager's client identity kept in <paramref name="directory"/> as <c>tls.crt</c>, <c>tls.key</c> and
    /// <c>ca.crt</c> (the layout of a TLS Secret, so another client — the API server's console — can use the same
    /// identity): reused while it was issued by this CA and has more than <see cref="ClientRenewBefore"/> left, issued and
    /// written otherwise. Writes files.
    /// </summary>
    public (string CertificatePem, string KeyPem) LoadOrIssueClient(string directory)
    {
        var certPath = Path.Combine(directory, "tls.crt");
        var keyPath = Path.Combine(directory, "tls.key");
        var caPath = Path.Combine(directory, "ca.crt");
        if (File.Exists(certPath) && File.Exists(keyPath) && File.Exists(caPath) && File.ReadAllText(caPath) == CaPem)
        {
            var certificatePem = File.ReadAllText(certPath);
            var keyPem = File.ReadAllText(keyPath);
            try
            {
                using var existing = X509Certificate2.CreateFromPem(certificatePem, keyPem);
                if (IssuedByThis(existing) && new DateTimeOffset(existing.NotAfter) - _time.GetUtcNow() > ClientRenewBefore)
                {
                    return (certificatePem, keyPem);
                }
            }
            catch (CryptographicException)
            {
                // Damaged: issue a new one below.
            }
        }

        PrivateDirectory.Create(directory);
        var (certificate, key) = IssueClient();
        PrivateDirectory.WriteFile(keyPath, key);
        PrivateDirectory.WriteFile(certPath, certificate);
        PrivateDirectory.WriteFile(caPath, CaPem);
        return (certificate, key);
    }

    /// <summary>A new client certificate and key (PEM) for the manager.</summary>
    public (string CertificatePem, string KeyPem) IssueClient()
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ManagerIdentity);
        return Issue(ManagerIdentity, names, ClientAuthOid);
    }

    /// <inheritdoc/>
    public void Dispose() => _ca.Dispose();

    private bool IssuedByThis(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        return chain.Build(certificate);
    }

    private (string CertificatePem, string KeyPem) Issue(string commonName, SubjectAlternativeNameBuilder names, string usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var now = _time.GetUtcNow();
        var notAfter = now + LeafValidity < _ca.NotAfter ? now + LeafValidity : new DateTimeOffset(_ca.NotAfter);
        using var certificate = request.Create(_ca, now - Backdate, notAfter, RandomNumberGenerator.GetBytes(16));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
