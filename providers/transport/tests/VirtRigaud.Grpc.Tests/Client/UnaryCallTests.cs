using System.Text;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>Unary calls against a hand-written gRPC endpoint on Kestrel: the request as the server sees it, the response, metadata.</summary>
public sealed class UnaryCallTests
{
    [Fact]
    public async Task AsyncUnaryCall_Echo_SendsGrpcRequestAndReturnsResponse()
    {
        var seen = new TaskCompletionSource<Dictionary<string, string?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            var request = context.Request;
            var messages = await Wire.ReadAllAsync(context);
            seen.TrySetResult(new Dictionary<string, string?>
            {
                ["protocol"] = request.Protocol,
                ["method"] = request.Method,
                ["te"] = request.Headers.TE,
                ["content-type"] = request.ContentType,
                ["grpc-accept-encoding"] = request.Headers["grpc-accept-encoding"],
                ["user-agent"] = request.Headers.UserAgent,
                ["grpc-timeout"] = request.Headers["grpc-timeout"].ToString(),
                ["messages"] = string.Join("|", messages),
            });
            await Wire.WriteAsync(context, "echo:" + messages[0]);
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue { Value = "hi" });
        var response = await call.ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal("echo:hi", response.Value);
        Assert.Equal(Status.DefaultSuccess, call.GetStatus());
        Assert.Empty(call.GetTrailers());
        var request = await seen.Task;
        Assert.Equal("HTTP/2", request["protocol"]);
        Assert.Equal("POST", request["method"]);
        Assert.Equal("trailers", request["te"]);
        Assert.Equal("application/grpc", request["content-type"]);
        Assert.Contains("gzip", request["grpc-accept-encoding"], StringComparison.Ordinal);
        Assert.StartsWith("grpc-", request["user-agent"], StringComparison.Ordinal);
        Assert.Equal("", request["grpc-timeout"]);
        Assert.Equal("hi", request["messages"]);
    }

    [Fact]
    public async Task AsyncUnaryCall_MessagesLargerThanFlowControlWindow_RoundTrip()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            var message = await Wire.ReadAsync(context);
            await Wire.WriteAsync(context, message + "!");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();
        var payload = new string('x', 300_000);

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue { Value = payload }).ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal(payload + "!", response.Value);
    }

    [Fact]
    public async Task AsyncUnaryCall_ResponseHeadersAndTrailers_AreMetadataWithoutTransportHeaders()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            context.Response.Headers["x-header"] = "h1";
            context.Response.Headers["x-header-bin"] = Convert.ToBase64String([1, 2, 3]);
            await Wire.SendHeadersAsync(context);
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "ok");
            context.Response.AppendTrailer("x-trailer", "t1");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue { Value = "hi" });
        var headers = await call.ResponseHeadersAsync.WaitAsync(TestServer.Bound);
        await call.ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal("h1", headers.GetValue("x-header"));
        Assert.Equal([1, 2, 3], headers.GetValueBytes("x-header-bin"));
        Assert.DoesNotContain(headers, e => e.Key is "content-type" or "date" or "server" || e.Key.StartsWith("grpc-", StringComparison.Ordinal));
        var trailer = Assert.Single(call.GetTrailers());
        Assert.Equal("x-trailer", trailer.Key);
        Assert.Equal("t1", trailer.Value);
    }

    [Fact]
    public async Task AsyncUnaryCall_RequestMetadata_SentWithUnpaddedBase64AndRepeatedKeysJoined()
    {
        var seen = new TaskCompletionSource<Dictionary<string, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            var headers = context.Request.Headers;
            seen.TrySetResult(new Dictionary<string, string>
            {
                ["x-data-bin"] = headers["x-data-bin"].ToString(),
                ["x-text"] = headers["x-text"].ToString(),
                ["x-multi"] = headers["x-multi"].ToString(),
                ["x-multi-bin"] = headers["x-multi-bin"].ToString(),
                ["grpc-custom"] = headers["grpc-custom"].ToString(),
            });
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "ok");

            // Echo the binary value back as the server received it, and once more padded.
            context.Response.AppendTrailer("x-data-bin", headers["x-data-bin"].ToString());
            context.Response.AppendTrailer("x-padded-bin", Convert.ToBase64String(Convert.FromBase64String(headers["x-data-bin"].ToString() + "=")));
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();
        byte[] data = [0x00, 0x01, 0x02, 0xFE, 0xFF];
        var metadata = new Metadata()
            .Add("x-data-bin", data)
            .Add("x-text", "hello world")
            .Add("x-multi", "a")
            .Add("x-multi", "b")
            .Add("x-multi-bin", [1])
            .Add("x-multi-bin", [2, 3])
            .Add("grpc-custom", "reserved names are not sent");

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue(), new CallOptions(Headers: metadata));
        await call.ResponseAsync.WaitAsync(TestServer.Bound);

        var sent = await seen.Task;
        Assert.Equal("AAEC/v8", sent["x-data-bin"]);
        Assert.Equal("hello world", sent["x-text"]);
        Assert.Equal("a,b", sent["x-multi"]);
        Assert.Equal("AQ,AgM", sent["x-multi-bin"]);
        Assert.Equal("", sent["grpc-custom"]);
        Assert.Equal(data, call.GetTrailers().GetValueBytes("x-data-bin"));
        Assert.Equal(data, call.GetTrailers().GetValueBytes("x-padded-bin"));
    }

    [Fact]
    public async Task AsyncUnaryCall_CommaJoinedBinaryTrailer_DecodesEachValue()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "ok");
            context.Response.AppendTrailer("x-list-bin", "AQ==, AgM");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());
        await call.ResponseAsync.WaitAsync(TestServer.Bound);

        var values = call.GetTrailers().GetAll("x-list-bin").Select(e => e.ValueBytes).ToList();
        Assert.Equal([[1], [2, 3]], values);
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipCompressedResponse_IsDecompressed()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            context.Response.Headers["grpc-encoding"] = "gzip";
            await Wire.WriteAsync(context, "squeezed " + new string('z', 10_000), gzip: true);
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal("squeezed " + new string('z', 10_000), response.Value);
    }

    [Fact]
    public async Task AsyncUnaryCall_GzipResponseOverReceiveLimitOnceDecompressed_IsResourceExhausted()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            context.Response.Headers["grpc-encoding"] = "gzip";
            await Wire.WriteAsync(context, new string('z', 100_000), gzip: true);
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 10_000 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue()).ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_ResponseOverReceiveLimit_IsResourceExhaustedAndResetsStream()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, new string('b', 2000));
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, call.GetStatus().Code);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task AsyncUnaryCall_RequestOverSendLimit_IsResourceExhausted()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "ok");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 1024 });
        var invoker = channel.CreateCallInvoker();

        using var call = invoker.AsyncUnaryCall(EchoService.Unary, new StringValue { Value = new string('a', 2000) });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));
        var small = await invoker.AsyncUnaryCall(EchoService.Unary, new StringValue { Value = new string('a', 1000) }).ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync);
        Assert.Equal("ok", small.Value);
    }

    [Fact]
    public async Task GetStatus_WhileCallRuns_Throws()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            await Wire.ReadAllAsync(context);
            await release.Task.WaitAsync(context.RequestAborted);
            await Wire.WriteAsync(context, "ok");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue());

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
        release.SetResult();
        Assert.Equal("ok", (await call.ResponseAsync.WaitAsync(TestServer.Bound)).Value);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public void AsyncUnaryCall_WrongMethodKind_Throws()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        var error = Assert.Throws<ArgumentException>(() => channel.CreateCallInvoker().AsyncUnaryCall(EchoService.ServerStream, new StringValue()));

        Assert.Contains("ServerStreaming", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncUnaryCall_Awaited_ReturnsResponse()
    {
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            var text = new StringBuilder();
            foreach (var message in await Wire.ReadAllAsync(context))
            {
                text.Append(message);
            }

            await Wire.WriteAsync(context, text.Append('?').ToString());
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue { Value = "why" });

        Assert.Equal("why?", response.Value);
    }
}
