using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerCancellationTests
{
    [Fact]
    public async Task ClientDisposesResponseMidStream_HandlerTokenCancelled()
    {
        var wrote = Signals.New();
        var cancelled = Signals.New();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
            {
                await responses.WriteAsync(Text("first"), context.CancellationToken);
                wrote.SetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.SetResult();
                    throw;
                }
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);

        using var request = Request("/virtrigaud.test.Echo/ServerStream", Text("x"));
        var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var body = await response.Content.ReadAsStreamAsync(cts.Token);
        Assert.Equal("first", (await ReadMessageAsync(body, cts.Token))?.Value);
        await wrote.WaitAsync();

        // Disposing an unfinished HTTP/2 response resets the stream (RST_STREAM CANCEL).
        response.Dispose();

        await cancelled.WaitAsync();
    }

    [Fact]
    public async Task ClientResetsWhileHandlerReads_ReadEndsWithCancellation()
    {
        var reading = Signals.New();
        var outcome = Signals.New<Exception?>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddDuplexStreaming(EchoProto.Duplex, async (requests, responses, context) =>
            {
                Assert.True(await requests.MoveNext(context.CancellationToken));
                await responses.WriteAsync(Text("got " + requests.Current.Value), context.CancellationToken);
                reading.SetResult();
                outcome.SetResult(await Record.ExceptionAsync(() => requests.MoveNext(CancellationToken.None)));
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);
        var content = new DuplexContent();
        using var request = Request("/virtrigaud.test.Echo/Duplex", content);

        var sending = server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await content.WriteAsync(Text("1"), cts.Token);
        var response = await sending;
        var body = await response.Content.ReadAsStreamAsync(cts.Token);
        Assert.Equal("got 1", (await ReadMessageAsync(body, cts.Token))?.Value);
        await reading.WaitAsync();

        response.Dispose();

        Assert.IsAssignableFrom<OperationCanceledException>(await outcome.WaitAsync());
    }

    [Fact]
    public async Task ServerShutdown_StreamingHandlerCancelled_Unavailable()
    {
        var wrote = Signals.New();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
            {
                await responses.WriteAsync(Text("first"), context.CancellationToken);
                wrote.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);

        using var request = Request("/virtrigaud.test.Echo/ServerStream", Text("x"));
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await wrote.WaitAsync();
        var stopping = server.StopAsync();
        var result = await GrpcResult.ReadAsync(response, cts.Token);
        await stopping.WaitAsync(GrpcTestServer.Patience);

        Assert.Equal("first", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.Unavailable, result.Code);
    }
}
