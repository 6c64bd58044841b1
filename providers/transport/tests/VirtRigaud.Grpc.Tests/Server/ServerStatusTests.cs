using System.Text;
using Google.Protobuf.WellKnownTypes;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerStatusTests
{
    private const string UnaryPath = "/" + EchoProto.ServiceName + "/Unary";
    private const string ServerStreamPath = "/" + EchoProto.ServiceName + "/ServerStream";

    private static GrpcServiceDefinition Throwing(Exception exception) => GrpcServiceDefinition.For(EchoProto.Service)
        .AddUnary(EchoProto.Unary, (_, _) => Task.FromException<StringValue>(exception))
        .AddServerStreaming(EchoProto.ServerStream, async (_, responses, context) =>
        {
            await responses.WriteAsync(Text("first"), context.CancellationToken);
            throw exception;
        })
        .Build();

    [Fact]
    public async Task RpcExceptionBeforeAnyMessage_TrailersOnlyWithCodeAndMessage()
    {
        await using var server = await GrpcTestServer.StartAsync(Throwing(new RpcException(new Status(StatusCode.NotFound, "no such thing"))));

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(200, (int)result.Response.StatusCode);
        Assert.True(result.TrailersOnly);
        Assert.Empty(result.Messages);
        Assert.Equal(StatusCode.NotFound, result.Code);
        Assert.Equal("no such thing", result.RawMessage);
        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RpcExceptionAfterAMessage_MessageThenStatusInTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync(Throwing(new RpcException(new Status(StatusCode.Aborted, "stopped"))));

        using var request = Request(ServerStreamPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.False(result.TrailersOnly);
        Assert.Equal("first", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.Aborted, result.Code);
        Assert.Equal("stopped", result.RawMessage);
    }

    [Theory]
    [InlineData(false, "Exception was thrown by handler.")]
    [InlineData(true, "Exception was thrown by handler. InvalidOperationException: database password is hunter2")]
    public async Task OtherException_Unknown_MessageOnlyWithDetailedErrors(bool detailed, string expected)
    {
        await using var server = await GrpcTestServer.StartAsync(
            Throwing(new InvalidOperationException("database password is hunter2")),
            options => options.EnableDetailedErrors = detailed);

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.Unknown, result.Code);
        Assert.Equal(expected, result.RawMessage);
    }

    [Theory]
    [InlineData(UnaryPath, true)]
    [InlineData(ServerStreamPath, false)]
    public async Task StatusMessage_NonAsciiAndPercent_PercentEncodedUtf8(string path, bool trailersOnly)
    {
        const string Detail = "Größe 100% \t\r\n ✓ 🙂";
        await using var server = await GrpcTestServer.StartAsync(Throwing(new RpcException(new Status(StatusCode.InvalidArgument, Detail))));

        using var request = Request(path, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(trailersOnly, result.TrailersOnly);
        Assert.Equal(StatusCode.InvalidArgument, result.Code);
        // Bytes outside 0x20-0x7E and '%' itself are %XX-escaped UTF-8; everything else is sent as is.
        Assert.Equal("Gr%C3%B6%C3%9Fe 100%25 %09%0D%0A %E2%9C%93 %F0%9F%99%82", result.RawMessage);
        Assert.Equal(Detail, Uri.UnescapeDataString(result.RawMessage!));
    }

    [Theory]
    [InlineData(UnaryPath, true)]
    [InlineData(ServerStreamPath, false)]
    public async Task StatusDetailsBin_FromRpcExceptionTrailers_PassedThroughAsUnpaddedBase64(string path, bool trailersOnly)
    {
        // Stands in for a serialized google.rpc.Status; the transport treats it as opaque bytes.
        byte[] details = [0x08, 0x05, 0x12, 0x03, (byte)'n', (byte)'o', 0xFF];
        var trailers = new Metadata().Add("grpc-status-details-bin", details).Add("x-reason", "gone");
        await using var server = await GrpcTestServer.StartAsync(Throwing(new RpcException(new Status(StatusCode.NotFound, "no"), trailers)));

        using var request = Request(path, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(trailersOnly, result.TrailersOnly);
        Assert.Equal(StatusCode.NotFound, result.Code);
        var encoded = GrpcResult.Single(result.StatusHeaders, "grpc-status-details-bin")!;
        Assert.Equal(Convert.ToBase64String(details).TrimEnd('='), encoded);
        Assert.Equal(details, Convert.FromBase64String(encoded.PadRight((encoded.Length + 3) / 4 * 4, '=')));
        Assert.Equal("gone", GrpcResult.Single(result.StatusHeaders, "x-reason"));
    }

    [Fact]
    public async Task HandlerSetsStatus_WithoutThrowing_NoResponseMessageAndThatStatus()
    {
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                context.Status = new Status(StatusCode.FailedPrecondition, "not yet");
                context.ResponseTrailers.Add("x-retry-after", "5");
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.FailedPrecondition, result.Code);
        Assert.Equal("not yet", result.RawMessage);
        Assert.Equal("5", GrpcResult.Single(result.StatusHeaders, "x-retry-after"));
    }

    [Fact]
    public async Task ResponseTrailers_AfterOkResponse_SentWithStatus()
    {
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                context.ResponseTrailers.Add("x-cost", "3").Add("x-sig-bin", Encoding.UTF8.GetBytes("sig"));
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.False(result.TrailersOnly);
        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal("3", GrpcResult.Single(result.Response.TrailingHeaders, "x-cost"));
        Assert.Equal("c2ln", GrpcResult.Single(result.Response.TrailingHeaders, "x-sig-bin"));
    }
}
