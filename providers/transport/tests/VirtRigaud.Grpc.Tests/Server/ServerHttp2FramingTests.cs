using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;
using static VirtRigaud.Grpc.Tests.Server.RawHttp2Connection;

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>The frames of a response as PROTOCOL-HTTP2.md prescribes them, seen by a hand-written HTTP/2 client.</summary>
public sealed class ServerHttp2FramingTests
{
    private static GrpcServiceDefinition Service(TaskCompletionSource? ready = null) => GrpcServiceDefinition.For(EchoProto.Service)
        .AddUnary(EchoProto.Unary, async (request, context) =>
        {
            if (request.Value == "throw")
            {
                throw new RpcException(new Status(StatusCode.NotFound, "no"));
            }

            if (request.Value == "wait")
            {
                ready?.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
            }

            return request;
        })
        .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
        {
            await responses.WriteAsync(request, context.CancellationToken);
            ready?.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        })
        .Build();

    private static Task<GrpcTestServer> StartAsync(TaskCompletionSource ready, ManualClock clock) =>
        GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcService(Service(ready)), services: s => s.AddSingleton<TimeProvider>(clock));

    [Theory]
    [InlineData("/virtrigaud.test.Nope/Unary", "x")]
    [InlineData("/virtrigaud.test.Echo/Unary", "throw")]
    public async Task ImmediateError_TrailersOnly_OneHeadersFrameWithEndStreamAndNoData(string path, string value)
    {
        await using var server = await GrpcTestServer.StartAsync(Service());
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);
        await using var connection = await ConnectAsync(server.Client.BaseAddress!, cts.Token);

        await connection.SendGrpcRequestAsync(1, server.Client.BaseAddress!.Authority, path, Frame(Text(value)), cts.Token);
        var frames = await connection.ReadStreamAsync(1, untilReset: false, cts.Token);

        var (type, flags, _) = Assert.Single(frames);
        Assert.Equal(Headers, type);
        Assert.Equal(EndStream | EndHeaders, flags & (EndStream | EndHeaders));
    }

    [Fact]
    public async Task Unary_Ok_HeadersThenLengthPrefixedDataThenTrailersWithEndStream()
    {
        await using var server = await GrpcTestServer.StartAsync(Service());
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);
        await using var connection = await ConnectAsync(server.Client.BaseAddress!, cts.Token);

        await connection.SendGrpcRequestAsync(1, server.Client.BaseAddress!.Authority, "/virtrigaud.test.Echo/Unary", Frame(Text("hello")), cts.Token);
        var frames = await connection.ReadStreamAsync(1, untilReset: false, cts.Token);

        Assert.Equal(Headers, frames[0].Type);
        Assert.Equal(0, frames[0].Flags & EndStream);
        Assert.Equal(Headers, frames[^1].Type);
        Assert.Equal(EndStream, frames[^1].Flags & EndStream);
        var data = frames[1..^1];
        Assert.All(data, f => Assert.Equal(Data, f.Type));
        byte[] body = [.. data.SelectMany(f => f.Payload)];
        Assert.Equal(Frame(Text("hello")), body);
    }

    [Fact]
    public async Task Deadline_AfterResponseStarted_TrailersWithEndStreamThenRstStreamCancel()
    {
        var ready = Signals.New();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        await using var server = await StartAsync(ready, clock);
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);
        await using var connection = await ConnectAsync(server.Client.BaseAddress!, cts.Token);

        await connection.SendGrpcRequestAsync(1, server.Client.BaseAddress!.Authority, "/virtrigaud.test.Echo/ServerStream", Frame(Text("x")), cts.Token, ("grpc-timeout", "200m"));
        await ready.WaitAsync();
        clock.Advance(TimeSpan.FromMilliseconds(200));
        var frames = await connection.ReadStreamAsync(1, untilReset: true, cts.Token);

        Assert.Equal([Headers, Data, Headers, RstStream], frames.Select(f => f.Type));
        Assert.Equal(EndStream, frames[2].Flags & EndStream);
        Assert.Equal(0x8u, BinaryPrimitives.ReadUInt32BigEndian(frames[3].Payload));
    }

    [Fact]
    public async Task Deadline_BeforeAnyMessage_TrailersOnlyHeadersFrame()
    {
        var ready = Signals.New();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        await using var server = await StartAsync(ready, clock);
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);
        await using var connection = await ConnectAsync(server.Client.BaseAddress!, cts.Token);

        await connection.SendGrpcRequestAsync(1, server.Client.BaseAddress!.Authority, "/virtrigaud.test.Echo/Unary", Frame(Text("wait")), cts.Token, ("grpc-timeout", "100m"));
        await ready.WaitAsync();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var frames = await connection.ReadStreamAsync(1, untilReset: false, cts.Token);

        var (type, flags, _) = Assert.Single(frames);
        Assert.Equal(Headers, type);
        Assert.Equal(EndStream, flags & EndStream);
    }
}
