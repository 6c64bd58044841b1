using System.Net;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Apiserver.Hosting;

namespace VirtRigaud.Apiserver.Security.Certificates;

/// <summary>
/// The server's TLS material, loaded from the data directory's <c>pki/</c> folder or generated there on first start:
/// <list type="table">
/// <item><term>ca.crt / ca.key</term><description>the generated CA (ten years); signs the two below and is a trusted client CA.</description></item>
/// <item><term>apiserver.crt / apiserver.key</term><description>the serving certificate (unless <c>--tls-cert-file</c>), renewed when it expires soon, its SANs change or the CA changed.</description></item>
/// <item><term>admin.crt / admin.key</term><description>the client certificate of the admin kubeconfig: CN=admin, O=system:masters.</description></item>
/// </list>
/// Key files are 0600. Files that are present and still good are reused, so clients keep trusting a restarted server.
/// </summary>
internal sealed class ServerCertificates : IDisposable
{
    /// <summary>The Service DNS name under which kube-apiserver's aggregator reaches the server (§8.7: the SAN must carry it).</summary>
    public const string ServiceDnsName = "virtrigaud-apiserver.virtrigaud-system.svc";

    /// <summary>The admin kubeconfig's user.</summary>
    public const string AdminUser = "admin";

    private const string CaName = "virtrigaud-ca";

    private ServerCertificates(CertificateAuthority authority, X509Certificate2 serving, string servingTrustPem, X509Certificate2 admin, X509Certificate2Collection clientAuthorities)
    {
        Authority = authority;
        Serving = serving;
        ServingTrustPem = servingTrustPem;
        Admin = admin;
        ClientAuthorities = clientAuthorities;
    }

    /// <summary>The generated CA, with its key (it issues client certificates; tests use it for extra users).</summary>
    public CertificateAuthority Authority { get; }

    /// <summary>The certificate Kestrel serves, with its key.</summary>
    public X509Certificate2 Serving { get; }

    /// <summary>PEM that clients must trust to accept <see cref="Serving"/> (the kubeconfig's certificate-authority-data).</summary>
    public string ServingTrustPem { get; }

    /// <summary>The admin client certificate (CN=admin, O=system:masters), with its key.</summary>
    public X509Certificate2 Admin { get; }

    /// <summary>The CAs client certificates must chain to: the generated CA plus <c>--client-ca-file</c>.</summary>
    public X509Certificate2Collection ClientAuthorities { get; }

    /// <summary>The DNS names and addresses the generated serving certificate carries for <paramref name="bindAddress"/>.</summary>
    public static (IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses) ServingNames(IPAddress bindAddress)
    {
        List<string> dnsNames = ["localhost", ServiceDnsName, ServiceDnsName + ".cluster.local"];
        List<IPAddress> addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        if (!bindAddress.Equals(IPAddress.Any) && !bindAddress.Equals(IPAddress.IPv6Any) && !addresses.Contains(bindAddress))
        {
            addresses.Add(bindAddress);
        }

        return (dnsNames, addresses);
    }

    /// <summary>Loads the certificates named by <paramref name="options"/>, generating what is missing or stale. Writes files.</summary>
    public static ServerCertificates LoadOrCreate(ApiServerOptions options, TimeProvider time, ILogger logger)
    {
        var pki = options.PkiDirectory;
        Directory.CreateDirectory(pki);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pki, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var now = time.GetUtcNow();
        var caCrt = Path.Combine(pki, "ca.crt");
        var caKey = Path.Combine(pki, "ca.key");
        var existingCa = PemFiles.TryLoadPair(caCrt, caKey);
        CertificateAuthority authority;
        if (existingCa is not null && existingCa.NotAfter.ToUniversalTime() > now.UtcDateTime && existingCa.GetECDsaPrivateKey() is not null)
        {
            authority = new CertificateAuthority(existingCa);
        }
        else
        {
            existingCa?.Dispose();
            authority = CertificateAuthority.Create(CaName, now, options.CaValidity);
            PemFiles.WritePair(authority.Certificate, caCrt, caKey);
            ApiServerLog.CertificateGenerated(logger, "CA", caCrt);
        }

        X509Certificate2 serving;
        string servingTrustPem;
        if (options.TlsCertFile is not null && options.TlsPrivateKeyFile is not null)
        {
            serving = PemFiles.LoadPair(options.TlsCertFile, options.TlsPrivateKeyFile);

            // The PEM file may carry the chain; clients that trust all of it accept the leaf (Go accepts a leaf that is
            // itself in the root pool).
            servingTrustPem = File.ReadAllText(options.TlsCertFile);
        }
        else
        {
            var (dnsNames, addresses) = ServingNames(IPAddress.Parse(options.BindAddress));
            serving = LoadOrIssue(authority, Path.Combine(pki, "apiserver.crt"), Path.Combine(pki, "apiserver.key"), now, options, logger, "serving",
                candidate => SameNames(candidate, dnsNames, addresses),
                () => authority.IssueServing(dnsNames, addresses, now, options.CertificateValidity));
            servingTrustPem = authority.Certificate.ExportCertificatePem() + "\n";
        }

        var admin = LoadOrIssue(authority, Path.Combine(pki, "admin.crt"), Path.Combine(pki, "admin.key"), now, options, logger, "admin client",
            candidate => candidate.GetNameInfo(X509NameType.SimpleName, false) == AdminUser,
            () => authority.IssueClient(AdminUser, [UserInfo.Masters], now, options.CertificateValidity));

        var clientAuthorities = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(authority.Certificate.RawData) };
        if (options.ClientCaFile is not null)
        {
            clientAuthorities.AddRange(PemFiles.LoadBundle(options.ClientCaFile));
        }

        return new ServerCertificates(authority, serving, servingTrustPem, admin, clientAuthorities);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Serving.Dispose();
        Admin.Dispose();
        foreach (var certificate in ClientAuthorities)
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2 LoadOrIssue(
        CertificateAuthority authority,
        string certificatePath,
        string keyPath,
        DateTimeOffset now,
        ApiServerOptions options,
        ILogger logger,
        string what,
        Func<X509Certificate2, bool> stillRight,
        Func<X509Certificate2> issue)
    {
        var existing = PemFiles.TryLoadPair(certificatePath, keyPath);
        if (existing is not null && authority.Issued(existing, now, options.CertificateRenewBefore) && stillRight(existing))
        {
            return existing;
        }

        existing?.Dispose();
        var issued = issue();
        PemFiles.WritePair(issued, certificatePath, keyPath);
        ApiServerLog.CertificateGenerated(logger, what, certificatePath);
        return issued;
    }

    private static bool SameNames(X509Certificate2 certificate, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses)
    {
        var (presentNames, presentAddresses) = CertificateAuthority.SubjectAlternativeNames(certificate);
        return presentNames.SetEquals(dnsNames) && presentAddresses.SetEquals(addresses);
    }
}
