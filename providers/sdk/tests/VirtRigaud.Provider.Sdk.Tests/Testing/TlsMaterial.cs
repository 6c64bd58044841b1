using System.Net;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>
/// A test PKI laid out as the provider Deployment mounts it: a CA, a server certificate for 127.0.0.1/localhost in a TLS
/// directory (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>), and client certificates written to directories of their
/// own. Everything lives under one temporary directory, removed on dispose.
/// </summary>
internal sealed class TlsMaterial : IDisposable
{
    private readonly string _root;

    public TlsMaterial()
    {
        _root = Directory.CreateTempSubdirectory("virtrigaud-sdk-tls-").FullName;
        Authority = TestCertificateAuthority.Create();
        TlsDirectory = Path.Combine(_root, "tls");
        Directory.CreateDirectory(TlsDirectory);
        using var server = Authority.IssueLocalhostServerCertificate();
        Authority.WritePemFiles(server, TlsDirectory);
    }

    public TestCertificateAuthority Authority { get; }

    /// <summary>The provider's TLS directory.</summary>
    public string TlsDirectory { get; }

    /// <summary>Replaces the server certificate with a new one from the same CA; returns its serial number.</summary>
    public string RotateServerCertificate()
    {
        using var server = Authority.IssueLocalhostServerCertificate();
        Authority.WritePemFiles(server, TlsDirectory);
        return server.SerialNumber;
    }

    /// <summary>
    /// Writes a client certificate (EKU clientAuth) with <paramref name="commonName"/> and optional DNS SANs to a
    /// directory of its own, issued by this CA or by <paramref name="issuer"/>, and returns a reloader for it.
    /// </summary>
    public CertificateReloader ClientCertificate(string commonName, IEnumerable<string>? dnsNames = null, TestCertificateAuthority? issuer = null)
    {
        var authority = issuer ?? Authority;
        var directory = Path.Combine(_root, "client-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        using var client = authority.Issue(commonName, CertificateUsages.ClientAuthentication, dnsNames);
        authority.WritePemFiles(client, directory);
        return CertificateReloader.Start(CertificateReloaderOptions.ForDirectory(directory, includeCa: false) with { WatchFileSystem = false });
    }

    /// <summary>Client TLS options that trust this CA, present <paramref name="client"/>'s certificate and expect the server to be 127.0.0.1.</summary>
    public System.Net.Security.SslClientAuthenticationOptions ClientOptions(CertificateReloader? client) =>
        GrpcTls.ClientOptions(client, [Authority.Certificate], IPAddress.Loopback.ToString());

    public void Dispose()
    {
        Authority.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
