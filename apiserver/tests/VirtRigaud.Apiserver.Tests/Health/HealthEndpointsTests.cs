using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Apiserver.Health;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Tests.Discovery;

namespace VirtRigaud.Apiserver.Tests.Health;

public sealed class HealthEndpointsTests : IAsyncLifetime
{
    private readonly RevisionOnlyStorage _storage = new();
    private EndpointTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await EndpointTestHost.StartAsync(_storage, s => s.Configure<HealthOptions>(o => o.StorageTimeout = TimeSpan.FromMilliseconds(200)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    public async Task Probe_Healthy_ReturnsOkAsPlainText(string path)
    {
        var (status, body, response) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/healthz?verbose", "[+]ping ok\n[+]storage ok\nhealthz check passed\n")]
    [InlineData("/livez?verbose", "[+]ping ok\nlivez check passed\n")]
    [InlineData("/readyz?verbose", "[+]ping ok\n[+]storage ok\n[+]shutdown ok\nreadyz check passed\n")]
    [InlineData("/readyz?verbose=true&exclude=storage", "[+]ping ok\n[+]storage excluded: ok\n[+]shutdown ok\nreadyz check passed\n")]
    [InlineData("/readyz?verbose&exclude=nope&exclude=ping&exclude=also", "[+]ping excluded: ok\n[+]storage ok\n[+]shutdown ok\nwarn: some health checks cannot be excluded: no matches for \"also\",\"nope\"\nreadyz check passed\n")]
    public async Task Probe_Verbose_ListsEveryCheck(string path, string expected)
    {
        var (status, body, _) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData("/readyz/ping")]
    [InlineData("/readyz/storage")]
    [InlineData("/readyz/shutdown")]
    [InlineData("/livez/ping")]
    [InlineData("/healthz/storage")]
    public async Task IndividualCheck_Healthy_ReturnsOk(string path)
    {
        var (status, body, _) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body);
    }

    [Theory]
    [InlineData("/livez/storage")]
    [InlineData("/livez/shutdown")]
    [InlineData("/healthz/shutdown")]
    public async Task IndividualCheck_NotPartOfTheProbe_Returns404(string path)
    {
        var (status, _, _) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Readyz_AfterShutdownBegan_FailsWhileLivezStaysHealthy()
    {
        _host.Services.GetRequiredService<ServerLifecycle>().BeginShutdown();

        var (status, body, response) = await GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("[+]ping ok\n[+]storage ok\n[-]shutdown failed: reason withheld\nreadyz check failed\n", body);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());

        var (single, singleBody, _) = await GetAsync("/readyz/shutdown");
        Assert.Equal(HttpStatusCode.InternalServerError, single);
        Assert.Equal("internal server error: process is shutting down\n", singleBody);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/readyz?exclude=shutdown")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/livez")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/healthz")).Status);
    }

    [Fact]
    public async Task Readyz_StorageFailing_FailsWithReasonWithheld()
    {
        _storage.Revision = _ => Task.FromException<long>(new IOException("disk on fire"));

        var (status, body, _) = await GetAsync("/readyz?verbose");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("[+]ping ok\n[-]storage failed: reason withheld\n[+]shutdown ok\nreadyz check failed\n", body);
        Assert.DoesNotContain("disk on fire", body);

        Assert.Equal(HttpStatusCode.InternalServerError, (await GetAsync("/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/livez")).Status);
        Assert.Equal("internal server error: disk on fire\n", (await GetAsync("/readyz/storage")).Body);
    }

    [Fact]
    public async Task Readyz_StorageHanging_FailsAfterTheTimeout()
    {
        _storage.Revision = async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        };

        var (status, body, _) = await GetAsync("/readyz/storage");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.StartsWith("internal server error: storage did not answer within", body);
    }

    [Fact]
    public async Task Version_ReportsKubernetes133WithOurVersion()
    {
        var (status, body, response) = await GetAsync("/version");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var version = JsonNode.Parse(body)!;
        Assert.Equal("1", (string?)version["major"]);
        Assert.Equal("33", (string?)version["minor"]);
        Assert.Equal("1", (string?)version["emulationMajor"]);
        Assert.Equal("33", (string?)version["emulationMinor"]);
        Assert.Equal("32", (string?)version["minCompatibilityMinor"]);
        Assert.Matches(@"^v1\.33\.0-virtrigaud\.[0-9A-Za-z.-]+$", (string?)version["gitVersion"]);
        Assert.NotNull((string?)version["gitCommit"]);
        Assert.NotNull((string?)version["gitTreeState"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", (string?)version["buildDate"]);
        Assert.Equal("dotnet", (string?)version["compiler"]);
        Assert.Matches("^linux/(amd64|arm64)$", (string?)version["platform"]);
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await _host.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
