using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Tests.Testing;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Tests.Hosting;

public sealed class ApiServerTests
{
    [Fact]
    public async Task StartAsync_PlainHttp_IsRefused()
    {
        await using var server = await TestApiServer.StartAsync();
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync("/apis"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    public async Task StartAsync_OnePort_ServesHttp11AndHttp2(int major, int minor)
    {
        await using var server = await TestApiServer.StartAsync();
        var version = new Version(major, minor);
        var client = server.CreateClient(server.IssueClientCertificate("admin", "system:masters"), httpVersion: version);

        using var response = await client.GetAsync("/apis");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(version, response.Version);
    }

    [Fact]
    public async Task StartAsync_Ready_WritesAKubeconfigForTheActualPortAndDescribesIt()
    {
        await using var server = await TestApiServer.StartAsync();

        var kubeconfig = await File.ReadAllTextAsync(server.KubeconfigPath);
        var lines = server.Server.DescribeStartup();

        Assert.True(server.GetRequiredService<ServerLifecycle>().IsReady);
        Assert.Contains($"server: \"https://127.0.0.1:{server.Port}\"", kubeconfig, StringComparison.Ordinal);
        Assert.Equal($"virtrigaud-apiserver listening on https://127.0.0.1:{server.Port} (HTTPS, HTTP/1.1 and HTTP/2)", lines[0]);
        Assert.Equal($"store: sqlite {Path.Combine(server.DataDirectory, "store.db")}", lines[2]);
        Assert.Equal($"try: kubectl --kubeconfig {server.KubeconfigPath} get vm", lines[^1]);
    }

    [Fact]
    public async Task RestartAsync_SameDataDirectory_ReusesCertificatesAndStore()
    {
        await using var server = await TestApiServer.StartAsync();
        var ca = server.CaCertificate.Thumbprint;
        var serving = await ServingCertificateAsync(server);
        var storage = server.GetRequiredService<IStorage>();
        await storage.CreateAsync("/test/kept", "{\"a\":1}"u8.ToArray());

        await server.RestartAsync();

        Assert.Equal(ca, server.CaCertificate.Thumbprint);
        Assert.Equal(serving, await ServingCertificateAsync(server));
        var kept = await server.GetRequiredService<IStorage>().GetAsync("/test/kept");
        Assert.Equal("{\"a\":1}"u8.ToArray(), kept!.Value);
        using var response = await server.Client.GetAsync("/apis");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StopAsync_Shutdown_TurnsNotReadyAndEndsWatches()
    {
        await using var server = await TestApiServer.StartAsync();
        var lifecycle = server.GetRequiredService<ServerLifecycle>();
        var watchesEnding = lifecycle.WatchesEnding;

        await server.Server.StopAsync();

        Assert.False(lifecycle.IsReady);
        Assert.True(lifecycle.IsShuttingDown);
        Assert.True(watchesEnding.IsCancellationRequested);
    }

    [Fact]
    public async Task StartAsync_StoreHeldByAnotherServer_FailsAndReleasesThePort()
    {
        await using var server = await TestApiServer.StartAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => ApiServer.StartAsync(server.Options with { Port = 0 }));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
    }

    [Fact]
    public async Task Request_BodyOverThreeMebibytes_Returns413Status()
    {
        await using var server = await TestApiServer.StartAsync();
        var name = new string('a', 3 * 1024 * 1024);
        using var body = new StringContent(
            """{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClass","metadata":{"name":"big","annotations":{"a":""" + "\"" + name + "\"}}}",
            System.Text.Encoding.UTF8,
            "application/json");

        using var response = await server.Client.PostAsync("/apis/infra.virtrigaud.io/v1beta1/namespaces/default/vmclasses", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("RequestEntityTooLarge", (string?)status["reason"]);
        Assert.Equal("Request entity too large: limit is 3145728", (string?)status["message"]);
    }

    [Fact]
    public async Task StopAsync_OpenWatch_EndsTheWatchAndStopsWithoutWaitingForTheGracePeriod()
    {
        await using var server = await TestApiServer.StartAsync(o => o with { ShutdownGracePeriod = TimeSpan.FromMinutes(2) });
        using var response = await server.Client.GetAsync(
            "/apis/infra.virtrigaud.io/v1beta1/namespaces/default/vmclasses?watch=true", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync();
        var read = stream.ReadAsync(new byte[4096]).AsTask();

        var stopping = Stopwatch.StartNew();
        await server.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), $"stopping took {stopping.Elapsed}");
        var ended = await Record.ExceptionAsync(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(ended is null or IOException or HttpRequestException, ended?.ToString());
    }

    [Fact]
    public async Task StartAsync_Http2_AllowsFarMoreThanAHundredConcurrentStreamsOnOneConnection()
    {
        await using var server = await TestApiServer.StartAsync();
        using var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
        handler.SslOptions.ClientCertificates = [server.IssueClientCertificate("admin", "system:masters")];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var client = new HttpClient(handler)
        {
            BaseAddress = server.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        // Watches hold their stream open: with Kestrel's default limit of 100 the 101st would wait for a free stream.
        var watches = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => client.GetAsync(
            "/apis/infra.virtrigaud.io/v1beta1/namespaces/default/vmclasses?watch=true", HttpCompletionOption.ResponseHeadersRead)))
            .WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            Assert.All(watches, w => Assert.Equal(HttpStatusCode.OK, w.StatusCode));
        }
        finally
        {
            foreach (var watch in watches)
            {
                watch.Dispose();
            }
        }
    }

    [Fact]
    public async Task StartAsync_CompactionInterval_CompactsTheStorePeriodically()
    {
        await using var server = await TestApiServer.StartAsync(o => o with { CompactionInterval = TimeSpan.FromMilliseconds(100) });
        var storage = server.GetRequiredService<IStorage>();
        await storage.CreateAsync("/test/a", "{}"u8.ToArray());
        var deadline = Stopwatch.StartNew();

        // The compactor compacts at the revision it recorded one tick earlier: wait for that second tick.
        while (await storage.GetCompactedRevisionAsync() == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "no compaction within 30 s");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static async Task<string> ServingCertificateAsync(TestApiServer server)
    {
        string? thumbprint = null;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            thumbprint = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).Thumbprint;
            return true;
        };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync("/apis");
        return thumbprint ?? throw new InvalidOperationException("no certificate presented");
    }
}
