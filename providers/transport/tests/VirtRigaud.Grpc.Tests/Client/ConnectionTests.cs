using System.Collections.Concurrent;
using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>Channel addresses, connection failures, wait-for-ready and many concurrent streams on one channel.</summary>
public sealed class ConnectionTests
{
    [Theory]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("unix:///tmp/grpc.sock")]
    [InlineData("http://127.0.0.1:50051/?x=1")]
    public void ForAddress_UnsupportedAddress_Throws(string address)
    {
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress(address));
    }

    [Fact]
    public async Task ForAddress_PathPrefix_PrefixesMethodPath()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, RequestDelegate>
        {
            ["/prefix" + EchoService.PathOf("Unary")] = async context =>
            {
                await Wire.ReadAllAsync(context);
                await Wire.WriteAsync(context, context.Request.Path);
                Wire.Status(context, 0);
            },
        });
        using var channel = GrpcChannel.ForAddress(new Uri(server.Address, "/prefix/"));

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal("/prefix/virtrigaud.test.Echo/Unary", response.Value);
    }

    [Fact]
    public async Task AsyncUnaryCall_ConnectionRefused_IsUnavailable()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{TestServer.FreePort()}");

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync);
    }

    [Fact]
    public async Task AsyncUnaryCall_WaitForReadyAndServerStartsLater_Succeeds()
    {
        var port = TestServer.FreePort();
        var attempts = new SemaphoreSlim(0);
        using var handler = CountingHandler(attempts);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
        {
            HttpHandler = handler,
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(20),
            MaxReconnectBackoff = TimeSpan.FromMilliseconds(100),
        });

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue { Value = "late" }, new CallOptions(WaitForReady: true).WithDeadline(TestServer.Bound));

        // Two refused attempts prove the call is waiting rather than failing; then the server appears.
        Assert.True(await attempts.WaitAsync(TestServer.Bound));
        Assert.True(await attempts.WaitAsync(TestServer.Bound));
        Assert.False(call.ResponseAsync.IsCompleted);
        await using var server = await TestServer.StartAsync(
            new Dictionary<string, RequestDelegate>
            {
                [EchoService.PathOf("Unary")] = async context =>
                {
                    var message = await Wire.ReadAsync(context);
                    await Wire.WriteAsync(context, message + " but here");
                    Wire.Status(context, 0);
                },
            },
            port);
        var response = await call.ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal("late but here", response.Value);
    }

    [Fact]
    public async Task AsyncUnaryCall_WaitForReadyWithoutServer_DeadlineExceeded()
    {
        var attempts = new SemaphoreSlim(0);
        using var handler = CountingHandler(attempts);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{TestServer.FreePort()}", new GrpcChannelOptions
        {
            HttpHandler = handler,
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(20),
            MaxReconnectBackoff = TimeSpan.FromMilliseconds(100),
        });

        // A deadline long enough for two attempts with a 20-100 ms back-off even on a loaded 2-core CI machine.
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue(), new CallOptions(WaitForReady: true).WithDeadline(TimeSpan.FromSeconds(2)));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(attempts.CurrentCount >= 2, $"only {attempts.CurrentCount} connection attempts");
    }

    [Fact]
    public async Task AsyncServerStreamingCall_200ConcurrentCallsOnOneChannel_AllSucceedOverSeveralConnections()
    {
        const int Calls = 200;
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = new ConcurrentDictionary<string, bool>();
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            connections[context.Connection.Id] = true;
            var request = await Wire.ReadAsync(context);

            // Nobody answers until every call is open at once: more streams than Kestrel's 100 per connection.
            if (Interlocked.Increment(ref arrived) == Calls)
            {
                allArrived.TrySetResult();
            }

            await allArrived.Task.WaitAsync(context.RequestAborted);
            for (var i = 0; i < 3; i++)
            {
                await Wire.WriteAsync(context, $"{request}/{i}");
            }

            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async n =>
        {
            using var call = invoker.AsyncServerStreamingCall(EchoService.ServerStream, new StringValue { Value = $"c{n}" });
            return await Wire.ReadValuesAsync(call.ResponseStream);
        })).WaitAsync(TestServer.Bound * 2);

        for (var n = 0; n < Calls; n++)
        {
            Assert.Equal([$"c{n}/0", $"c{n}/1", $"c{n}/2"], results[n]);
        }

        Assert.True(connections.Count >= 2, $"{connections.Count} connection(s) carried {Calls} concurrent streams");
    }

    /// <summary>A SocketsHttpHandler that signals every connection attempt, successful or not.</summary>
    private static SocketsHttpHandler CountingHandler(SemaphoreSlim attempts) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            attempts.Release();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
