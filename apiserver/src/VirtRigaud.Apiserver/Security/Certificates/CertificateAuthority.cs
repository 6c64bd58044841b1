using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Apiserver.Security.Certificates;

/// <summary>
/// A CA certificate with its private key that issues the server's serving certificate and client certificates
/// (CN = user, O = groups, as kube-apiserver's x509 authenticator reads them). Keys are ECDSA P-256.
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    /// <summary>Certificates start this long before "now", so that a client whose clock is slightly behind accepts them.</summary>
    private static readonly TimeSpan NotBeforeBackdate = TimeSpan.FromMinutes(5);

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public CertificateAuthority(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a self-signed CA named <paramref name="commonName"/>, valid for <paramref name="validity"/> from <paramref name="now"/>.</summary>
    public static CertificateAuthority Create(string commonName, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new CertificateAuthority(request.CreateSelfSigned(now - NotBeforeBackdate, now + validity));
    }

    /// <summary>Issues a serving certificate for the given DNS names and IP addresses (the first DNS name is also the CN).</summary>
    public X509Certificate2 IssueServing(IReadOnlyCollection<string> dnsNames, IReadOnlyCollection<IPAddress> addresses, DateTimeOffset now, TimeSpan validity)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(dnsNames.FirstOrDefault() ?? "virtrigaud-apiserver");
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            sans.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            sans.AddIpAddress(address);
        }

        return Issue(subject.Build(), ServerAuth, sans.Build(critical: false), now, validity);
    }

    /// <summary>Issues a client certificate for <paramref name="user"/> (CN) in <paramref name="groups"/> (one O each).</summary>
    public X509Certificate2 IssueClient(string user, IEnumerable<string> groups, DateTimeOffset now, TimeSpan validity)
    {
        // The builder encodes in reverse order of the calls: this yields O=…, CN=… as kubeadm's certificates have it.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(user);
        foreach (var group in groups.Reverse())
        {
            subject.AddOrganizationName(group);
        }
        return Issue(subject.Build(), ClientAuth, null, now, validity);
    }

    /// <summary>True when <paramref name="certificate"/> chains to this CA and is valid from <paramref name="now"/> for at least <paramref name="margin"/>.</summary>
    public bool Issued(X509Certificate2 certificate, DateTimeOffset now, TimeSpan margin)
    {
        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime || certificate.NotAfter.ToUniversalTime() <= (now + margin).UtcDateTime)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(certificate);
    }

    /// <summary>The DNS names and IP addresses in a certificate's subject alternative names.</summary>
    public static (HashSet<string> DnsNames, HashSet<IPAddress> Addresses) SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var dnsNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addresses = new HashSet<IPAddress>();
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            dnsNames.UnionWith(extension.EnumerateDnsNames());
            addresses.UnionWith(extension.EnumerateIPAddresses());
        }

        return (dnsNames, addresses);
    }

    public void Dispose() => Certificate.Dispose();

    private X509Certificate2 Issue(X500DistinguishedName subject, Oid usage, X509Extension? subjectAlternativeNames, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (subjectAlternativeNames is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeNames);
        }

        // A certificate may not outlive its issuer.
        var notAfter = now + validity;
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter > caNotAfter)
        {
            notAfter = caNotAfter;
        }

        using var issued = request.Create(Certificate, now - NotBeforeBackdate, notAfter, SerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    private static byte[] SerialNumber()
    {
        // A positive 127-bit serial: the top bit clear keeps the DER integer positive.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
