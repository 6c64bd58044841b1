using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>
/// Real TLS handshakes between Kestrel secured with <see cref="GrpcTls.UseMutualTls"/> and SocketsHttpHandler using
/// <see cref="GrpcTls.ClientOptions(CertificateReloader?, X509Certificate2Collection, string?, Microsoft.Extensions.Logging.ILogger?)"/>.
/// Every rejection test differs from the success test in exactly one ingredient.
/// </summary>
public sealed class MutualTlsHandshakeTests : IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly TestCertificateAuthority _otherCa = TestCertificateAuthority.Create("Some other CA");
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    [InlineData(CertificateKeyAlgorithm.Rsa2048)]
    public async Task UseMutualTls_ClientCertificateFromTheCa_ConnectsWithTls13AndHttp2(CertificateKeyAlgorithm algorithm)
    {
        using var ca = TestCertificateAuthority.Create(keyAlgorithm: algorithm);
        var server = Files(ca, ca.IssueLocalhostServerCertificate());
        var client = Files(ca, ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);

        var response = await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, client.Reloader.Authorities, "localhost"));

        Assert.Equal("HTTP/2 Tls13 CN=client-a, O=VirtRigaud.NET", response.Body);
        Assert.Equal(server.Reloader.Current.SerialNumber, response.ServerSerialNumber);
    }

    [Fact]
    public async Task UseMutualTls_NoClientCertificate_IsRejected()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);

        await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(null, Trust(_ca), "localhost")));

        Assert.Single(host.Logs.WithEvent("ClientCertificateMissing"));
    }

    [Fact]
    public async Task UseMutualTls_ClientCertificateFromAnotherCa_IsRejected()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var client = Files(_otherCa, _otherCa.IssueClientCertificate("intruder"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);

        await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost")));

        var rejection = Assert.Single(host.Logs.WithEvent("ClientCertificateRejected"));
        Assert.Contains("CN=intruder", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseMutualTls_ClientPresentsServerOnlyCertificate_IsRejectedForItsKeyUsage()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var client = Files(_ca, _ca.IssueServerCertificate(["client.example"], []));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);

        await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost")));

        var rejection = Assert.Single(host.Logs.WithEvent("ClientCertificateRejected"));
        Assert.Contains(nameof(X509ChainStatusFlags.NotValidForUsage), rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseMutualTls_ExpiredClientCertificate_IsRejected()
    {
        var now = DateTimeOffset.UtcNow;
        using var oldCa = TestCertificateAuthority.Create(timeProvider: new ManualTimeProvider(now.AddDays(-10)));
        // The server's own certificate must be current, or the client would abort first and the server judge nothing.
        var server = Files(oldCa, oldCa.Issue("localhost", CertificateUsages.ServerAuthentication, ["localhost"], notBefore: now.AddDays(-1), notAfter: now.AddDays(1)));
        var client = Files(oldCa, oldCa.Issue("expired", CertificateUsages.ClientAuthentication, notBefore: now.AddDays(-9), notAfter: now.AddDays(-1)));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);

        await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(oldCa), "localhost")));

        var rejection = Assert.Single(host.Logs.WithEvent("ClientCertificateRejected"));
        Assert.Contains(nameof(X509ChainStatusFlags.NotTimeValid), rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseMutualTls_OptionalClientCertificate_AdmitsClientWithoutCertificate()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        await using var host = await MutualTlsServer.StartAsync(server.Reloader, requireClientCertificate: false);

        var response = await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(null, Trust(_ca), "localhost"));

        Assert.Equal("HTTP/2 Tls13 -", response.Body);
    }

    [Fact]
    public async Task UseMutualTls_OptionalClientCertificate_StillRejectsCertificateFromAnotherCa()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var client = Files(_otherCa, _otherCa.IssueClientCertificate("intruder"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader, requireClientCertificate: false);

        await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost")));

        Assert.Single(host.Logs.WithEvent("ClientCertificateRejected"));
    }

    [Fact]
    public void UseMutualTls_ReloaderWithoutCaFile_Throws()
    {
        var files = Files(_ca, _ca.IssueLocalhostServerCertificate());
        using var withoutCa = CertificateReloader.Start(CertificateReloaderOptions.ForDirectory(files.Path, includeCa: false) with { WatchFileSystem = false });

        Assert.Throws<ArgumentException>(() => GrpcTls.ServerOptions(withoutCa));
        Assert.Throws<ArgumentException>(() => GrpcTls.ClientOptions(withoutCa, "localhost"));
    }

    [Fact]
    public void ClientOptions_NoTrustedCa_Throws()
    {
        Assert.Throws<ArgumentException>(() => GrpcTls.ClientOptions(null, [], "localhost"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData(null)]
    public async Task ClientOptions_TargetHostInSan_IsAccepted(string? targetHost)
    {
        // null: SocketsHttpHandler verifies the URI's host, 127.0.0.1, which the certificate carries as an IP SAN.
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var client = Files(_ca, _ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);

        var response = await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, targetHost));

        Assert.StartsWith("HTTP/2 Tls13 ", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientOptions_ServerCertificateFromAnotherCa_IsRejectedByTheClient()
    {
        var server = Files(_otherCa, _otherCa.IssueLocalhostServerCertificate());
        var client = Files(_ca, _ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);
        var clientLogs = new RecordingLogger();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost", clientLogs)));

        Assert.IsType<AuthenticationException>(failure.InnerException);
        var rejection = Assert.Single(clientLogs.WithEvent("ServerCertificateRejected"));
        Assert.Contains("certificate chain is not valid", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other.example")]
    [InlineData("127.0.0.2")]
    public async Task ClientOptions_ServerNameNotInSan_IsRejectedByTheClient(string targetHost)
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var client = Files(_ca, _ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);
        var clientLogs = new RecordingLogger();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), targetHost, clientLogs)));

        Assert.IsType<AuthenticationException>(failure.InnerException);
        var rejection = Assert.Single(clientLogs.WithEvent("ServerCertificateRejected"));
        Assert.Contains($"does not name \"{targetHost}\"", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseMutualTls_Tls12OnlyClient_IsRefused()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var client = Files(_ca, _ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);
        var tls12 = GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost");
        tls12.EnabledSslProtocols = SslProtocols.Tls12;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, tls12));

        Assert.IsType<AuthenticationException>(failure.InnerException);
        // The same client with TLS 1.3 still gets in: only the protocol version made the difference.
        await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost"));
    }

    [Fact]
    public async Task UseMutualTls_ServerCertificateFilesReplaced_NextConnectionSeesNewCertificateWithoutRestart()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate(), watch: true);
        var client = Files(_ca, _ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);
        var before = await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost"));
        using var replacement = _ca.IssueLocalhostServerCertificate();
        var reloaded = ReloadedWith(server.Reloader, replacement.SerialNumber);

        _ca.WritePemFiles(replacement, server.Path);
        await reloaded.WaitAsync(EventTimeout);

        var after = await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost"));
        Assert.NotEqual(before.ServerSerialNumber, after.ServerSerialNumber);
        Assert.Equal(replacement.SerialNumber, after.ServerSerialNumber);
    }

    [Fact]
    public async Task UseMutualTls_GarbageKeyWritten_KeepsServingPreviousCertificate()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate(), watch: true);
        var client = Files(_ca, _ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);
        var serial = server.Reloader.Current.SerialNumber;
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Reloader.ReloadFailed += (_, _) => failed.TrySetResult();

        await File.WriteAllTextAsync(server.File(CertificateReloaderOptions.KeyFileName), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        await failed.Task.WaitAsync(EventTimeout);

        var response = await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost"));
        Assert.Equal(serial, response.ServerSerialNumber);
        Assert.NotEmpty(server.Logs.WithEvent("CertificateReloadFailed"));
    }

    [Fact]
    public async Task ClientOptions_ClientCertificateReloaded_NextConnectionPresentsNewCertificate()
    {
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var client = Files(_ca, _ca.IssueClientCertificate("client-a"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);
        var options = GrpcTls.ClientOptions(client.Reloader, Trust(_ca), "localhost");
        var before = await MutualTlsClient.GetAsync(host.Port, options);

        using var renewed = _ca.IssueClientCertificate("client-b");
        _ca.WritePemFiles(renewed, client.Path);
        Assert.True(client.Reloader.TryReload());

        var after = await MutualTlsClient.GetAsync(host.Port, options);
        Assert.Contains("CN=client-a,", before.Body, StringComparison.Ordinal);
        Assert.Contains("CN=client-b,", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseMutualTls_CaFileRotated_NextHandshakeTrustsOnlyTheNewCa()
    {
        using var newCa = TestCertificateAuthority.Create("Rotated CA");
        var server = Files(_ca, _ca.IssueLocalhostServerCertificate());
        var oldClient = Files(_ca, _ca.IssueClientCertificate("old-client"));
        var newClient = Files(newCa, newCa.IssueClientCertificate("new-client"));
        await using var host = await MutualTlsServer.StartAsync(server.Reloader);

        File.WriteAllText(server.File(CertificateReloaderOptions.CaFileName), newCa.ExportCertificatePem());
        Assert.True(server.Reloader.TryReload());

        await Assert.ThrowsAsync<HttpRequestException>(() => MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(oldClient.Reloader, Trust(_ca), "localhost")));
        var response = await MutualTlsClient.GetAsync(host.Port, GrpcTls.ClientOptions(newClient.Reloader, Trust(_ca), "localhost"));
        Assert.Contains("CN=new-client,", response.Body, StringComparison.Ordinal);
    }

    private static X509Certificate2Collection Trust(TestCertificateAuthority ca) => [X509CertificateLoader.LoadCertificate(ca.Certificate.RawData)];

    private static Task ReloadedWith(CertificateReloader reloader, string serialNumber)
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reloader.Reloaded += (_, e) =>
        {
            if (e.Certificate.SerialNumber == serialNumber)
            {
                reloaded.TrySetResult();
            }
        };
        return reloaded.Task;
    }

    private TlsFiles Files(TestCertificateAuthority ca, X509Certificate2 leaf, bool watch = false)
    {
        using (leaf)
        {
            var files = TlsFiles.Create(ca, leaf, watch);
            _owned.Add(files);
            return files;
        }
    }
}
