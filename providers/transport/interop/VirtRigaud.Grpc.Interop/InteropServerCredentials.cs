using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Interop;

/// <summary>
/// The TLS material of <c>server --tls</c>: a new <see cref="TestCertificateAuthority"/>, a server certificate for
/// localhost and 127.0.0.1 in a private temporary directory (removed on dispose), and the CA certificate written where
/// the peer's client can find it.
/// </summary>
public sealed class InteropServerCredentials : IDisposable
{
    private readonly string _directory;

    private InteropServerCredentials(string directory, CertificateReloader reloader)
    {
        _directory = directory;
        Reloader = reloader;
    }

    /// <summary>The server certificate source to pass to <see cref="InteropServerOptions.Tls"/>.</summary>
    public CertificateReloader Reloader { get; }

    /// <summary>Creates the CA and the server certificate and writes the CA certificate (PEM) to <paramref name="caOut"/>.</summary>
    public static InteropServerCredentials Create(string caOut)
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-interop-tls-").FullName;
        try
        {
            using var authority = TestCertificateAuthority.Create();
            using var server = authority.IssueLocalhostServerCertificate();
            authority.WritePemFiles(server, directory);
            authority.WriteCertificatePem(caOut);
            return new InteropServerCredentials(directory, CertificateReloader.Start(CertificateReloaderOptions.ForDirectory(directory)));
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Reloader.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
