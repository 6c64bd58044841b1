using System.Globalization;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerCallKindsTests
{
    private const string UnaryPath = "/" + EchoProto.ServiceName + "/Unary";
    private const string ServerStreamPath = "/" + EchoProto.ServiceName + "/ServerStream";
    private const string ClientStreamPath = "/" + EchoProto.ServiceName + "/ClientStream";
    private const string DuplexPath = "/" + EchoProto.ServiceName + "/Duplex";

    private static GrpcServiceDefinition Echo() => GrpcServiceDefinition.For(EchoProto.Service)
        .AddUnary(EchoProto.Unary, (request, _) => Task.FromResult(Text("echo:" + request.Value)))
        .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
        {
            var count = int.Parse(request.Value, CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                await responses.WriteAsync(Text(i.ToString(CultureInfo.InvariantCulture)), context.CancellationToken);
            }
        })
        .AddClientStreaming(EchoProto.ClientStream, async (requests, context) =>
        {
            var values = new List<string>();
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                values.Add(request.Value);
            }

            return Text(string.Join(",", values));
        })
        .AddDuplexStreaming(EchoProto.Duplex, async (requests, responses, context) =>
        {
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                await responses.WriteAsync(Text("pong:" + request.Value), context.CancellationToken);
            }
        })
        .Build();

    [Fact]
    public async Task Unary_OneRequest_OneResponseThenOkInTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(UnaryPath, Text("hi"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(200, (int)result.Response.StatusCode);
        Assert.Equal(new Version(2, 0), result.Response.Version);
        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
        Assert.False(result.TrailersOnly);
        Assert.Equal("echo:hi", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Null(result.RawMessage);
    }

    [Fact]
    public async Task Unary_ResponseHeaders_AdvertiseAcceptedEncodingsAndNoResponseEncoding()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(UnaryPath, Text("hi"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        var accepted = GrpcResult.Single(result.Response.Headers, "grpc-accept-encoding")!.Split(',').Select(e => e.Trim());
        Assert.Contains("gzip", accepted);
        Assert.Contains("identity", accepted);
        Assert.False(result.Response.Headers.Contains("grpc-encoding"));
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Unary_ProtoContentTypeVariants_Served(string contentType)
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(UnaryPath, Frame(Text("x")), contentType);
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unary_NoRequestMessage_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(UnaryPath, Array.Empty<byte>());
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.Internal, result.Code);
    }

    [Fact]
    public async Task Unary_TwoRequestMessages_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(UnaryPath, Text("a"), Text("b"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.Internal, result.Code);
    }

    [Fact]
    public async Task Unary_TruncatedFrame_Internal()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(UnaryPath, Frame(Text("hello"))[..^2]);
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.Internal, result.Code);
    }

    [Fact]
    public async Task ServerStreaming_ThreeRequested_ThreeMessagesInOrderThenOk()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(ServerStreamPath, Text("3"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(["0", "1", "2"], result.Messages.Select(m => m.Value));
        Assert.False(result.TrailersOnly);
        Assert.Equal(StatusCode.OK, result.Code);
    }

    [Fact]
    public async Task ServerStreaming_NoMessages_TrailersOnlyOk()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(ServerStreamPath, Text("0"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ClientStreaming_ThreeRequests_AllReadBeforeTheResponse()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(ClientStreamPath, Text("a"), Text("b"), Text("c"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal("a,b,c", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.OK, result.Code);
    }

    [Fact]
    public async Task ClientStreaming_EmptyStream_HandlerSeesEndAtOnce()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(ClientStreamPath, Array.Empty<byte>());
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal("", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.OK, result.Code);
    }

    [Fact]
    public async Task Duplex_PingPong_EachRequestAnsweredBeforeTheNextIsSent()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);
        var content = new DuplexContent();
        using var request = Request(DuplexPath, content);

        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await content.WriteAsync(Text("1"), cts.Token);
        using var response = await sending;
        var body = await response.Content.ReadAsStreamAsync(cts.Token);
        Assert.Equal("pong:1", (await ReadMessageAsync(body, cts.Token))?.Value);

        await content.WriteAsync(Text("2"), cts.Token);
        Assert.Equal("pong:2", (await ReadMessageAsync(body, cts.Token))?.Value);

        content.Complete();
        Assert.Null(await ReadMessageAsync(body, cts.Token));
        Assert.Equal("0", GrpcResult.Single(response.TrailingHeaders, "grpc-status"));
    }

    [Fact]
    public async Task WriteResponseHeadersAsync_BeforeAnyMessage_HeadersReachTheClientAtOnce()
    {
        var release = Signals.New();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
            {
                await context.WriteResponseHeadersAsync(new Metadata().Add("x-early", "yes"));
                await release.Task.WaitAsync(context.CancellationToken);
                await responses.WriteAsync(Text("late"), context.CancellationToken);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);

        using var request = Request(ServerStreamPath, Text("x"));
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);

        // The handler is still blocked: only the headers can have arrived.
        Assert.False(release.Task.IsCompleted);
        Assert.Equal("yes", GrpcResult.Single(response.Headers, "x-early"));
        release.SetResult();
        var result = await GrpcResult.ReadAsync(response, cts.Token);
        Assert.Equal("late", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.OK, result.Code);
    }

    [Fact]
    public async Task WriteResponseHeadersAsync_Twice_SecondCallThrows()
    {
        var second = Signals.New<Exception?>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, async (request, context) =>
            {
                await context.WriteResponseHeadersAsync(new Metadata());
                second.SetResult(await Record.ExceptionAsync(() => context.WriteResponseHeadersAsync(new Metadata())));
                return request;
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.IsType<InvalidOperationException>(await second.WaitAsync());
        Assert.Equal(StatusCode.OK, result.Code);
    }
}
