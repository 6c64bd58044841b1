using Google.Protobuf;
using VirtRigaud.Grpc.Internal;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerMessageSizeTests
{
    private const int Limit = 1024;

    private static GrpcServiceDefinition Echo(TaskCompletionSource? called = null) => GrpcServiceDefinition.For(EchoProto.Service)
        .AddUnary(EchoProto.Unary, (request, _) =>
        {
            called?.TrySetResult();
            return Task.FromResult(request);
        })
        .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
        {
            await responses.WriteAsync(Text("small"), context.CancellationToken);
            await responses.WriteAsync(request, context.CancellationToken);
        })
        .AddClientStreaming(EchoProto.ClientStream, async (requests, context) =>
        {
            var count = 0;
            await foreach (var _ in requests.ReadAllAsync(context.CancellationToken))
            {
                count++;
            }

            return Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        })
        .Build();

    [Fact]
    public async Task Receive_RequestOverLimit_ResourceExhaustedAndHandlerNotCalled()
    {
        var called = Signals.New();
        await using var server = await GrpcTestServer.StartAsync(Echo(called), options => options.MaxReceiveMessageSize = Limit);

        using var request = Request("/virtrigaud.test.Echo/Unary", Text(new string('x', Limit)));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.ResourceExhausted, result.Code);
        Assert.False(called.Task.IsCompleted);
    }

    [Fact]
    public async Task Receive_RequestAtLimit_Served()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.MaxReceiveMessageSize = Limit);

        // A StringValue of n < 128 characters... here 1021 characters: tag (1) + length varint (2) + 1021 = 1024 bytes.
        var message = Text(new string('x', Limit - 3));
        Assert.Equal(Limit, message.CalculateSize());
        using var request = Request("/virtrigaud.test.Echo/Unary", message);
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
    }

    [Fact]
    public async Task Receive_SecondStreamedRequestOverLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.MaxReceiveMessageSize = Limit);

        using var request = Request("/virtrigaud.test.Echo/ClientStream", Text("ok"), Text(new string('x', 2 * Limit)));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.ResourceExhausted, result.Code);
    }

    [Fact]
    public async Task Receive_DefaultLimit_FourMebibytes()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request("/virtrigaud.test.Echo/Unary", Text(new string('x', 4 * 1024 * 1024)));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.ResourceExhausted, result.Code);
    }

    [Fact]
    public async Task Receive_GzipBombOverLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.MaxReceiveMessageSize = Limit);

        var compressed = MessageFraming.Gzip(Text(new string('x', 64 * Limit)).ToByteArray());
        Assert.True(compressed.Length < Limit);
        using var request = Request("/virtrigaud.test.Echo/Unary", Frame(compressed, compressed: true));
        request.Headers.Add("grpc-encoding", "gzip");
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.ResourceExhausted, result.Code);
    }

    [Fact]
    public async Task Send_UnaryResponseOverLimit_TrailersOnlyResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.MaxSendMessageSize = Limit);

        using var request = Request("/virtrigaud.test.Echo/Unary", Text(new string('x', Limit)));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.ResourceExhausted, result.Code);
    }

    [Fact]
    public async Task Send_StreamedResponseOverLimit_EarlierMessagesThenResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.MaxSendMessageSize = Limit);

        using var request = Request("/virtrigaud.test.Echo/ServerStream", Text(new string('x', Limit)));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal("small", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.ResourceExhausted, result.Code);
    }

    [Fact]
    public async Task Send_NoLimitByDefault_LargeResponseSent()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo(), options => options.MaxReceiveMessageSize = null);

        var large = new string('x', 5 * 1024 * 1024);
        using var request = Request("/virtrigaud.test.Echo/Unary", Text(large));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal(large, Assert.Single(result.Messages).Value);
    }
}
