using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Interop;

/// <summary>
/// One test CA and the certificates it issued, as PEM files in a temporary directory laid out like two mounted TLS
/// Secrets: <c>server/</c> (localhost, 127.0.0.1) and <c>client/</c>, each with <c>tls.crt</c>, <c>tls.key</c> and
/// <c>ca.crt</c>. Both peers of an interop run read the same files.
/// </summary>
internal sealed class InteropCertificates : IDisposable
{
    private InteropCertificates(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string ServerDirectory => Path.Combine(Root, "server");

    public string ClientDirectory => Path.Combine(Root, "client");

    public string CaPath => Path.Combine(ServerDirectory, CertificateReloaderOptions.CaFileName);

    public string ServerCertificatePath => Path.Combine(ServerDirectory, CertificateReloaderOptions.CertificateFileName);

    public string ServerKeyPath => Path.Combine(ServerDirectory, CertificateReloaderOptions.KeyFileName);

    public string ClientCertificatePath => Path.Combine(ClientDirectory, CertificateReloaderOptions.CertificateFileName);

    public string ClientKeyPath => Path.Combine(ClientDirectory, CertificateReloaderOptions.KeyFileName);

    public static InteropCertificates Create()
    {
        var certificates = new InteropCertificates(Directory.CreateTempSubdirectory("virtrigaud-interop-certs-").FullName);
        try
        {
            using var authority = TestCertificateAuthority.Create();
            using var server = authority.IssueLocalhostServerCertificate();
            using var client = authority.IssueClientCertificate("interop-client");
            authority.WritePemFiles(server, certificates.ServerDirectory);
            authority.WritePemFiles(client, certificates.ClientDirectory);
            return certificates;
        }
        catch
        {
            certificates.Dispose();
            throw;
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
