using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VirtRigaud.Grpc.Security;

/// <summary>
/// A throw-away certificate authority for tests and local interop runs (<c>make interop-server TLS=1</c>): it creates a
/// self-signed CA and issues server and client leaf certificates with the extensions real TLS stacks check, then writes
/// them as PEM in the layout of a mounted Kubernetes TLS Secret. Not a production PKI: keys live in memory and on disk
/// unencrypted, and nothing is ever revoked.
/// </summary>
/// <remarks>
/// <list type="table">
///   <listheader><term>certificate</term><description>extensions</description></listheader>
///   <item><term>CA</term><description>basicConstraints CA:true, pathlen 0 (critical); keyUsage keyCertSign, cRLSign (critical); subjectKeyIdentifier</description></item>
///   <item><term>leaf</term><description>basicConstraints CA:false (critical); keyUsage digitalSignature (+ keyEncipherment for RSA) (critical);
///   extendedKeyUsage serverAuth and/or clientAuth; subjectAltName DNS/IP; subject and authority key identifiers</description></item>
/// </list>
/// Serial numbers are 128 random bits, so two certificates for the same name are always told apart.
/// </remarks>
public sealed class TestCertificateAuthority : IDisposable
{
    /// <summary>The CA's subject common name unless another is given.</summary>
    public const string DefaultCommonName = "VirtRigaud.NET test CA";

    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DefaultAuthorityValidity = TimeSpan.FromDays(30);
    private static readonly TimeSpan DefaultLeafValidity = TimeSpan.FromDays(7);

    private readonly TimeProvider _timeProvider;

    private TestCertificateAuthority(X509Certificate2 certificate, CertificateKeyAlgorithm keyAlgorithm, TimeProvider timeProvider)
    {
        Certificate = certificate;
        KeyAlgorithm = keyAlgorithm;
        _timeProvider = timeProvider;
    }

    /// <summary>The CA certificate, with its private key. Owned by this instance.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The key type of the CA and of every certificate it issues.</summary>
    public CertificateKeyAlgorithm KeyAlgorithm { get; }

    /// <summary>
    /// Creates a CA valid from five minutes before now (clock skew between test processes) for
    /// <paramref name="validity"/> (30 days unless given).
    /// </summary>
    public static TestCertificateAuthority Create(
        string commonName = DefaultCommonName,
        CertificateKeyAlgorithm keyAlgorithm = CertificateKeyAlgorithm.EcdsaP256,
        TimeSpan? validity = null,
        TimeProvider? timeProvider = null)
    {
        var clock = timeProvider ?? TimeProvider.System;
        var notBefore = clock.GetUtcNow() - ClockSkewAllowance;
        using var key = CreateKey(keyAlgorithm);
        var request = CreateRequest(SubjectName(commonName), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var certificate = request.CreateSelfSigned(notBefore, notBefore + ClockSkewAllowance + (validity ?? DefaultAuthorityValidity));
        return new TestCertificateAuthority(certificate, keyAlgorithm, clock);
    }

    /// <summary>A server certificate (EKU serverAuth) naming <paramref name="dnsNames"/> and <paramref name="ipAddresses"/>.</summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses)
    {
        var names = dnsNames.ToList();
        return Issue(names.FirstOrDefault() ?? "server", CertificateUsages.ServerAuthentication, names, ipAddresses);
    }

    /// <summary>A server certificate for <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c>, what a local interop peer dials.</summary>
    public X509Certificate2 IssueLocalhostServerCertificate() =>
        IssueServerCertificate(["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback]);

    /// <summary>A client certificate (EKU clientAuth) with subject <c>CN=<paramref name="commonName"/></c>.</summary>
    public X509Certificate2 IssueClientCertificate(string commonName) =>
        Issue(commonName, CertificateUsages.ClientAuthentication);

    /// <summary>
    /// Issues a leaf certificate with a fresh key. <paramref name="notBefore"/> defaults to five minutes ago,
    /// <paramref name="notAfter"/> to seven days later but never past the CA's own end; explicit values outside the
    /// CA's validity are refused by <see cref="CertificateRequest"/> with an <see cref="ArgumentException"/>.
    /// </summary>
    public X509Certificate2 Issue(
        string commonName,
        CertificateUsages usages,
        IEnumerable<string>? dnsNames = null,
        IEnumerable<IPAddress>? ipAddresses = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        var start = notBefore ?? _timeProvider.GetUtcNow() - ClockSkewAllowance;
        var authorityEnd = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var end = notAfter ?? Min(start + ClockSkewAllowance + DefaultLeafValidity, authorityEnd);

        using var key = CreateKey(KeyAlgorithm);
        var request = CreateRequest(SubjectName(commonName), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        var keyUsage = KeyAlgorithm == CertificateKeyAlgorithm.Rsa2048
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, critical: true));

        var purposes = new OidCollection();
        if (usages.HasFlag(CertificateUsages.ServerAuthentication))
        {
            purposes.Add(new Oid(PeerCertificateValidator.ServerAuthenticationOid));
        }

        if (usages.HasFlag(CertificateUsages.ClientAuthentication))
        {
            purposes.Add(new Oid(PeerCertificateValidator.ClientAuthenticationOid));
        }

        if (purposes.Count > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(purposes, critical: false));
        }

        var alternativeNames = new SubjectAlternativeNameBuilder();
        var anyName = false;
        foreach (var dnsName in dnsNames ?? [])
        {
            alternativeNames.AddDnsName(dnsName);
            anyName = true;
        }

        foreach (var address in ipAddresses ?? [])
        {
            alternativeNames.AddIpAddress(address);
            anyName = true;
        }

        if (anyName)
        {
            request.CertificateExtensions.Add(alternativeNames.Build(critical: false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        using var issued = request.Create(Certificate, start, end, NewSerialNumber());
        return key switch
        {
            ECDsa ecdsa => issued.CopyWithPrivateKey(ecdsa),
            RSA rsa => issued.CopyWithPrivateKey(rsa),
            _ => throw new InvalidOperationException("Unexpected key type " + key.GetType().Name),
        };
    }

    /// <summary>The CA certificate as PEM, what peers put in their trust file.</summary>
    public string ExportCertificatePem() => Certificate.ExportCertificatePem();

    /// <summary>Writes the CA certificate as PEM to <paramref name="path"/> (replaced atomically; the directory is created).</summary>
    public void WriteCertificatePem(string path) => WriteAtomically(path, ExportCertificatePem(), secret: false);

    /// <summary>
    /// Writes <paramref name="leaf"/> and this CA to <paramref name="directory"/> as a mounted TLS Secret looks:
    /// <c>tls.crt</c>, <c>tls.key</c> (PKCS#8, mode 0600 on Unix) and <c>ca.crt</c>. Each file is replaced atomically
    /// (written beside it, then renamed), but the three are not replaced together — which a
    /// <see cref="CertificateReloader"/> tolerates.
    /// </summary>
    public void WritePemFiles(X509Certificate2 leaf, string directory)
    {
        WriteAtomically(Path.Combine(directory, CertificateReloaderOptions.CaFileName), ExportCertificatePem(), secret: false);
        WriteAtomically(Path.Combine(directory, CertificateReloaderOptions.CertificateFileName), leaf.ExportCertificatePem(), secret: false);
        WriteAtomically(Path.Combine(directory, CertificateReloaderOptions.KeyFileName), ExportPrivateKeyPem(leaf), secret: true);
    }

    /// <summary>The private key of <paramref name="certificate"/> as unencrypted PKCS#8 PEM.</summary>
    /// <exception cref="ArgumentException">The certificate has no RSA or ECDSA private key.</exception>
    public static string ExportPrivateKeyPem(X509Certificate2 certificate)
    {
        using (var ecdsa = certificate.GetECDsaPrivateKey())
        {
            if (ecdsa is not null)
            {
                return ecdsa.ExportPkcs8PrivateKeyPem();
            }
        }

        using (var rsa = certificate.GetRSAPrivateKey())
        {
            if (rsa is not null)
            {
                return rsa.ExportPkcs8PrivateKeyPem();
            }
        }

        throw new ArgumentException("The certificate has no RSA or ECDSA private key.", nameof(certificate));
    }

    /// <summary>Releases the CA's key.</summary>
    public void Dispose() => Certificate.Dispose();

    private static AsymmetricAlgorithm CreateKey(CertificateKeyAlgorithm algorithm) => algorithm switch
    {
        CertificateKeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        CertificateKeyAlgorithm.Rsa2048 => RSA.Create(2048),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm."),
    };

    private static CertificateRequest CreateRequest(X500DistinguishedName subject, AsymmetricAlgorithm key) => key switch
    {
        ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("Unexpected key type " + key.GetType().Name),
    };

    private static X500DistinguishedName SubjectName(string commonName)
    {
        // The builder escapes, so a common name with commas or quotes cannot smuggle in other attributes. It encodes
        // the attributes in reverse order of the calls, so this yields the conventional DER order O, then CN.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName("VirtRigaud.NET");
        return builder.Build();
    }

    private static byte[] NewSerialNumber()
    {
        // 128 random bits, positive (top bit clear) and without a leading zero byte, so DER keeps all 16 bytes.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void WriteAtomically(string path, string content, bool secret)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
