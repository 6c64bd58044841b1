using System.Diagnostics;
using System.Net.WebSockets;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

/// <summary>
/// Liveness of console sessions on a server whose ping interval is shortened by its option (300 ms instead of 30 s):
/// Ping frames at that interval, a client that stops answering is cut off, and a draining server closes sessions.
/// </summary>
public sealed class ConsoleKeepAliveTests : IAsyncLifetime
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromMilliseconds(300);

    private ConsoleTestProvider _mock = null!;
    private TestApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _mock = await ConsoleTestProvider.StartAsync();
        _server = await TestApiServer.StartAsync(o => o with { Console = o.Console with { PingInterval = PingInterval, PongTimeout = TimeSpan.FromSeconds(1) } });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _mock.DisposeAsync();
    }

    [Fact]
    public async Task Console_OpenSession_ServerSendsPingFramesAtTheInterval()
    {
        var path = await RunningVmPathAsync("pings");
        using var cancel = new CancellationTokenSource(ConsoleFixture.Patience);
        await using var socket = await RawWebSocket.ConnectAsync(_server.Port, path, Admin(), _server.CaCertificate, cancel.Token);

        var pings = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var output = 0;
        while (pings.Count < 3)
        {
            var frame = await socket.ReadFrameAsync(cancel.Token) ?? throw new InvalidOperationException("the server closed the session");
            if (frame.Opcode == RawWebSocket.Ping)
            {
                pings.Add(clock.Elapsed);
                await socket.SendFrameAsync(RawWebSocket.Pong, frame.Payload, cancel.Token);
            }
            else
            {
                Assert.Equal(RawWebSocket.Binary, frame.Opcode);
                output++;
            }
        }

        Assert.True(output >= 1, "the banner");
        Assert.All(pings.Zip(pings.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= PingInterval / 2, $"pings {gap} apart"));
    }

    [Fact]
    public async Task Console_ClientStopsAnsweringPings_SessionIsCutAndProviderCallEnds()
    {
        var path = await RunningVmPathAsync("silent");
        var ended = _mock.Recorder.InputsEnded;
        using var cancel = new CancellationTokenSource(ConsoleFixture.Patience);
        await using var socket = await RawWebSocket.ConnectAsync(_server.Port, path, Admin(), _server.CaCertificate, cancel.Token);

        var pings = 0;
        while (await socket.ReadFrameAsync(cancel.Token) is { } frame)
        {
            pings += frame.Opcode == RawWebSocket.Ping ? 1 : 0;
        }

        Assert.True(pings >= 1);
        Assert.True(await Eventually.TrueAsync(() => _mock.Recorder.InputsEnded > ended, ConsoleFixture.Patience), "the provider call did not end");
    }

    [Fact]
    public async Task Console_ServerDrains_ClosesWithGoingAwayAndRefusesNewSessions()
    {
        var path = await RunningVmPathAsync("drain");
        var ns = path.Split('/')[5];
        await using var console = await ConsoleClient.ConnectAsync(_server, Admin(), ns, "vm", ["v4.channel.k8s.io"]);
        await console.ReadUntilAsync("\r\n");

        _server.GetRequiredService<ServerLifecycle>().EndWatches();
        var (status, reason) = await console.ReadToCloseAsync();
        var refused = await ConsoleFixture.RefusedUpgradeAsync(_server.CreateClient(Admin(), httpVersion: System.Net.HttpVersion.Version11), ns, "vm");

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal("apiserver is shutting down", reason);
        Assert.Contains("\"reason\":\"ServiceUnavailable\"", Assert.Single(console.Errors), StringComparison.Ordinal);
        Assert.Equal(503, refused.Code);
        Assert.Equal("apiserver is shutting down", Http.Api.Str(refused.Json["message"]));
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
    }

    private async Task<string> RunningVmPathAsync(string ns)
    {
        var vmId = _mock.CreateRunningVm(ns + "-vm");
        await ConsoleFixture.CreateProviderAsync(_server.Client, ns, "mock", _mock.Endpoint);
        await ConsoleFixture.CreateVmAsync(_server.Client, ns, "vm", "mock", vmId);
        return Http.Api.Path(ns, "virtualmachines", "vm", "console");
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Admin() => _server.IssueClientCertificate("admin", "system:masters");
}
