using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Tests.Testing;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Hosting;

/// <summary>
/// Long-running requests and shutdown, as kube-apiserver handles them: a watch that arrives while the server drains
/// gets 503 "apiserver is shutting down" with Retry-After (never a 500), and watches in flight end cleanly.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_ArrivingWhileDraining_Is503WithRetryAfter()
    {
        await using var server = await TestApiServer.StartAsync();
        var lifecycle = server.GetRequiredService<ServerLifecycle>();
        lifecycle.BeginShutdown();
        lifecycle.EndWatches();

        var watch = await GetAsync(server.Client, Path("default", "virtualmachines", query: "?watch=true"));
        var legacyWatch = await GetAsync(server.Client, "/apis/infra.virtrigaud.io/v1beta1/watch/namespaces/default/virtualmachines");
        var list = await GetAsync(server.Client, Path("default", "virtualmachines"));

        foreach (var response in new[] { watch, legacyWatch })
        {
            Assert.Equal(503, response.Code);
            Assert.Equal("1", response.Headers.RetryAfter?.ToString());
            Assert.Equal(("Failure", "ServiceUnavailable", "apiserver is shutting down"), (Str(response.Json["status"]), Str(response.Json["reason"]), Str(response.Json["message"])));
        }

        // Short requests are still served until the listener stops: they finish within the grace period.
        Assert.Equal(200, list.Code);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public async Task Watch_InFlightWhenTheServerStops_EndsCleanly(int httpMajorVersion)
    {
        await using var server = await TestApiServer.StartAsync();
        var client = server.CreateClient(server.IssueClientCertificate("admin", "system:masters"), httpVersion: new Version(httpMajorVersion, httpMajorVersion == 1 ? 1 : 0));
        await CreateAsync(server.Client, "default", "virtualmachines", Vm("before", "default"));
        await using var watch = await HttpWatch.OpenAsync(client, Path("default", "virtualmachines", query: "?watch=true&timeoutSeconds=600"));
        var first = await watch.NextAsync(Patience);

        var stopping = server.StopAsync();
        var end = await watch.NextAsync(Patience);
        await stopping;

        Assert.Equal(200, watch.Code);
        Assert.Equal("ADDED", Str(first?["type"]));
        Assert.Null(end); // the clean end of the stream: no reset, no half-written event
    }

    [Fact]
    public async Task StatusErrorMiddleware_CancelledByTheDrainBeforeTheResponseStarted_Is503()
    {
        using var lifecycle = new ServerLifecycle();
        lifecycle.EndWatches();
        var middleware = new StatusErrorMiddleware(_ => throw new OperationCanceledException(lifecycle.WatchesEnding), new ApiServerOptions(), lifecycle, NullLogger<StatusErrorMiddleware>.Instance);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var status = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("apiserver is shutting down", Str(status["message"]));
    }

    [Fact]
    public async Task StatusErrorMiddleware_CancellationWhileNotDraining_IsStillAnInternalError()
    {
        using var lifecycle = new ServerLifecycle();
        var middleware = new StatusErrorMiddleware(_ => throw new OperationCanceledException(), new ApiServerOptions(), lifecycle, NullLogger<StatusErrorMiddleware>.Instance);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
    }
}
