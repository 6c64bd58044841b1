using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Rest;

/// <summary>
/// Transport behaviour our API server never triggers (throttling answers, proxy error pages, hung requests), against
/// a small HTTP peer on a free loopback port that answers as kube-apiserver or a proxy in front of it would.
/// </summary>
public sealed class RestClientTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps/";
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly FakeTimeProvider _time = new();
    private WebApplication _peer = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _peer = builder.Build();
        _peer.Run(HandleAsync);
        await _peer.StartAsync();
        _address = new Uri(_peer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var name = context.Request.Path.Value![ConfigMaps.Length..];
        var hit = _hits.AddOrUpdate(name, 1, (_, n) => n + 1);
        switch (name)
        {
            case "flaky" when hit <= 2:
            case "throttled":
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                await WriteJsonAsync(context, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"slow down","reason":"TooManyRequests","code":429}""");
                return;
            case "gateway":
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html>bad gateway</html>");
                return;
            case "hang":
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
            default:
                context.Response.Headers.Append("Warning", "299 - \"v1 ConfigMap is fine, this is a test\"");
                var data = new System.Text.Json.Nodes.JsonObject
                {
                    ["userAgent"] = context.Request.Headers.UserAgent.ToString(),
                    ["protocol"] = context.Request.Protocol,
                    ["hit"] = hit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                await WriteJsonAsync(context, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\"},\"data\":" + data.ToJsonString() + "}");
                return;
        }
    }

    private static Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    private RestClientHarness Harness(Func<KubernetesClientConfiguration, KubernetesClientConfiguration>? change = null)
    {
        var configuration = new KubernetesClientConfiguration { Server = _address, Timeout = Timeout.InfiniteTimeSpan, Qps = -1 };
        return new RestClientHarness(new RestClient(change?.Invoke(configuration) ?? configuration, timeProvider: _time));
    }

    [Fact]
    public async Task GetAsync_PlainHttpServer_UsesHttp11AndTheDefaultUserAgent()
    {
        using var h = Harness();

        var map = await h.ConfigMaps.GetAsync("plain");

        Assert.Equal("HTTP/1.1", map.Data!["protocol"]);
        Assert.Equal(UserAgent.Default, map.Data["userAgent"]);
        Assert.Matches(@"^virtrigaud-client/\S+ \((linux|windows|darwin|freebsd)/(amd64|arm64|386|arm|s390x|ppc64le|riscv64|loong64)\)$", UserAgent.Default);
    }

    [Fact]
    public async Task GetAsync_ConfiguredUserAgent_IsSent()
    {
        using var h = Harness(c => c with { UserAgent = "my-controller/1.2" });

        Assert.Equal("my-controller/1.2", (await h.ConfigMaps.GetAsync("ua")).Data!["userAgent"]);
    }

    [Fact]
    public async Task GetAsync_429WithRetryAfter_WaitsAsToldAndRetries()
    {
        using var h = Harness();

        var get = h.ConfigMaps.GetAsync("flaky");
        for (var wait = 0; wait < 2; wait++)
        {
            await Wait.UntilAsync(() => _time.TimerCount == 1, $"retry wait {wait + 1}");
            Assert.False(get.IsCompleted);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal("3", (await get).Data!["hit"]);
    }

    [Fact]
    public async Task GetAsync_ThrottledBeyondMaxRetries_ThrowsTooManyRequests()
    {
        using var h = Harness(c => c with { MaxRetries = 2 });

        var get = h.ConfigMaps.GetAsync("throttled");
        for (var wait = 0; wait < 2; wait++)
        {
            await Wait.UntilAsync(() => _time.TimerCount == 1, $"retry wait {wait + 1}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => get);
        Assert.True(e.IsTooManyRequests);
        Assert.Equal("slow down", e.Message);
        Assert.Equal(3, _hits["throttled"]);
    }

    [Fact]
    public async Task GetAsync_ProxyErrorPage_BecomesASynthesizedStatus()
    {
        using var h = Harness();

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => h.ConfigMaps.GetAsync("gateway"));

        Assert.Equal(502, e.Code);
        Assert.True(e.IsInternalError);
        Assert.Contains("<html>bad gateway</html>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ServerNeverAnswers_ThrowsTimeoutAfterTheConfiguredTimeout()
    {
        using var h = Harness(c => c with { Timeout = TimeSpan.FromSeconds(5) });

        var get = h.ConfigMaps.GetAsync("hang");
        await Wait.UntilAsync(() => _time.TimerCount == 1, "the request timeout timer");
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(get.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => get);
        Assert.Contains("hang", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Cancelled_ThrowsOperationCanceledNotTimeout()
    {
        using var h = Harness(c => c with { Timeout = TimeSpan.FromSeconds(5) });
        using var cancel = new CancellationTokenSource();

        var get = h.ConfigMaps.GetAsync("hang", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get);
    }

    [Fact]
    public async Task GetAsync_RateLimited_SecondRequestBeyondTheBurstWaitsForAToken()
    {
        using var h = Harness(c => c with { Qps = 2, Burst = 1 });

        await h.ConfigMaps.GetAsync("first");
        var second = h.ConfigMaps.GetAsync("second");
        await Wait.UntilAsync(() => _time.TimerCount == 1, "the throttle wait");
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal("second", (await second).Metadata.Name);
    }

    [Fact]
    public async Task GetAsync_WarningHeader_ReachesTheHandler()
    {
        var warnings = new ConcurrentQueue<KubernetesWarning>();
        using var h = Harness(c => c with { WarningHandler = warnings.Enqueue });

        await h.ConfigMaps.GetAsync("warned");

        Assert.Equal("v1 ConfigMap is fine, this is a test", Assert.Single(warnings).Text);
    }

    private sealed class RestClientHarness(RestClient rest) : IDisposable
    {
        public ResourceClient<ConfigMap> ConfigMaps { get; } = new(rest, ResourceDefinitions.ConfigMaps, "default");

        public void Dispose() => rest.Dispose();
    }
}
