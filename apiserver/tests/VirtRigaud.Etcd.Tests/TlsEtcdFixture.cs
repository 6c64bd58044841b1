using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc.Security;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Etcd.Tests;

/// <summary>An etcd serving TLS on its client port and requiring client certificates from <see cref="Authority"/>.</summary>
public sealed class TlsEtcdFixture : IAsyncLifetime
{
    private EtcdServer? _server;
    private string? _directory;

    public TestCertificateAuthority Authority { get; } = TestCertificateAuthority.Create();

    public EtcdServer Server => _server ?? throw new InvalidOperationException("etcd is started in InitializeAsync");

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("virtrigaud-etcd-tls-").FullName;
        using var serverCertificate = Authority.IssueLocalhostServerCertificate();
        Authority.WritePemFiles(serverCertificate, Path.Combine(_directory, "server"));
        using var clientCertificate = Authority.IssueClientCertificate("etcdctl");
        Authority.WritePemFiles(clientCertificate, Path.Combine(_directory, "client"));
        _server = await EtcdServer.StartAsync(new EtcdServerOptions
        {
            Tls = new EtcdServerTls(
                Path.Combine(_directory, "server", "tls.crt"),
                Path.Combine(_directory, "server", "tls.key"),
                Path.Combine(_directory, "server", "ca.crt"),
                ClientCertAuth: true,
                Path.Combine(_directory, "client", "tls.crt"),
                Path.Combine(_directory, "client", "tls.key")),
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }

        Authority.Dispose();
    }

    public EtcdClientOptions Options(X509Certificate2? clientCertificate, X509Certificate2Collection? trusted = null) => new()
    {
        Endpoints = [Server.ClientUrl],
        TrustedCaCertificates = trusted ?? [Authority.Certificate],
        ClientCertificate = clientCertificate,
    };
}
