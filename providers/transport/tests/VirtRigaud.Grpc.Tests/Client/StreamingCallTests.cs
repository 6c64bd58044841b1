using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>Server-streaming, client-streaming and bidirectional calls.</summary>
public sealed class StreamingCallTests
{
    [Fact]
    public async Task AsyncServerStreamingCall_SeveralMessages_ReadsAllThenOk()
    {
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            var request = await Wire.ReadAsync(context);
            for (var i = 0; i < 3; i++)
            {
                await Wire.WriteAsync(context, $"{request}:{i}");
            }

            context.Response.AppendTrailer("x-count", "3");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue { Value = "n" });
        var received = await Wire.ReadValuesAsync(call.ResponseStream).WaitAsync(TestServer.Bound);

        Assert.Equal(["n:0", "n:1", "n:2"], received);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
        Assert.Equal("3", call.GetTrailers().GetValue("x-count"));
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task AsyncServerStreamingCall_ErrorAfterMessages_ThrowsAfterDeliveringThem()
    {
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "a");
            await Wire.WriteAsync(context, "b");
            Wire.Status(context, 10, "stopped");
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue());
        var received = new List<string>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound))
            {
                received.Add(call.ResponseStream.Current.Value);
            }
        });

        Assert.Equal(["a", "b"], received);
        Assert.Equal(new Status(StatusCode.Aborted, "stopped"), error.Status);
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task AsyncServerStreamingCall_TrailersOnlyOk_EndsWithoutMessages()
    {
        await using var server = await TestServer.StartAsync("ServerStream", context =>
        {
            Wire.BeginResponse(context);
            context.Response.Headers["grpc-status"] = "0";
            context.Response.Headers["x-empty"] = "yes";
            return Task.CompletedTask;
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue());

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
        Assert.Equal("yes", call.GetTrailers().GetValue("x-empty"));
        Assert.Empty(await call.ResponseHeadersAsync);
    }

    [Fact]
    public async Task AsyncServerStreamingCall_MessageOverReceiveLimit_IsResourceExhaustedAndResetsStream()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "small");
            await Wire.WriteAsync(context, new string('L', 5000));
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 4096 });

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue());

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task AsyncServerStreamingCall_OverlappingReads_Throws()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            await Wire.ReadAllAsync(context);
            await release.Task.WaitAsync(context.RequestAborted);
            Wire.BeginResponse(context);
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue());
        var first = call.ResponseStream.MoveNext(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        release.SetResult();
        Assert.False(await first.WaitAsync(TestServer.Bound));
    }

    [Fact]
    public async Task AsyncClientStreamingCall_SeveralMessages_ServerReceivesAllInOrder()
    {
        await using var server = await TestServer.StartAsync("ClientStream", async context =>
        {
            var messages = await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, string.Join("+", messages));
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoService.ClientStream);
        foreach (var value in new[] { "a", "b", new string('c', 100_000) })
        {
            await call.RequestStream.WriteAsync(new StringValue { Value = value }, CancellationToken.None).WaitAsync(TestServer.Bound);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync.WaitAsync(TestServer.Bound);

        Assert.Equal("a+b+" + new string('c', 100_000), response.Value);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new StringValue(), CancellationToken.None));
    }

    [Fact]
    public async Task AsyncClientStreamingCall_NoMessages_ServerSeesEmptyStream()
    {
        await using var server = await TestServer.StartAsync("ClientStream", async context =>
        {
            var messages = await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, $"count={messages.Count}");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoService.ClientStream);
        await call.RequestStream.CompleteAsync();

        Assert.Equal("count=0", (await call.ResponseAsync.WaitAsync(TestServer.Bound)).Value);
    }

    [Fact]
    public async Task AsyncClientStreamingCall_ServerFailsBeforeRequestsEnd_ResponseAndLaterWritesCarryStatus()
    {
        await using var server = await TestServer.StartAsync("ClientStream", async context =>
        {
            await Wire.ReadAsync(context);
            Wire.BeginResponse(context);
            context.Response.Headers["grpc-status"] = "3";
            context.Response.Headers["grpc-message"] = "first%20one%20was%20bad";
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoService.ClientStream);
        await call.RequestStream.WriteAsync(new StringValue { Value = "bad" }, CancellationToken.None).WaitAsync(TestServer.Bound);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StringValue { Value = "more" }, CancellationToken.None).WaitAsync(TestServer.Bound));

        Assert.Equal(new Status(StatusCode.InvalidArgument, "first one was bad"), error.Status);
        Assert.Equal(error.Status, writeError.Status);
    }

    [Fact]
    public async Task AsyncClientStreamingCall_WriteOverSendLimit_IsResourceExhaustedAndResetsStream()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("ClientStream", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            first.TrySetResult(await Wire.ReadAsync(context));
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 1024 });

        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoService.ClientStream);
        await call.RequestStream.WriteAsync(new StringValue { Value = "fits" }, CancellationToken.None).WaitAsync(TestServer.Bound);
        Assert.Equal("fits", await first.Task.WaitAsync(TestServer.Bound));
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StringValue { Value = new string('x', 2000) }, CancellationToken.None));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.ResourceExhausted, writeError.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task AsyncDuplexStreamingCall_PingPong_EachRequestAnsweredBeforeTheNext()
    {
        await using var server = await TestServer.StartAsync("Bidi", async context =>
        {
            context.Response.Headers["x-ready"] = "1";
            await Wire.SendHeadersAsync(context);
            while (await Wire.ReadAsync(context) is { } message)
            {
                await Wire.WriteAsync(context, "pong:" + message);
            }

            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoService.Bidi);

        // The server answers with headers before any request: the client must have sent its own headers already.
        Assert.Equal("1", (await call.ResponseHeadersAsync.WaitAsync(TestServer.Bound)).GetValue("x-ready"));
        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new StringValue { Value = $"ping{i}" }, CancellationToken.None).WaitAsync(TestServer.Bound);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
            Assert.Equal($"pong:ping{i}", call.ResponseStream.Current.Value);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task AsyncDuplexStreamingCall_ServerEndsEarly_ResponseStreamCarriesStatus()
    {
        await using var server = await TestServer.StartAsync("Bidi", async context =>
        {
            var first = await Wire.ReadAsync(context);
            await Wire.WriteAsync(context, "got " + first);
            Wire.Status(context, 7, "enough");
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoService.Bidi);
        await call.RequestStream.WriteAsync(new StringValue { Value = "one" }, CancellationToken.None).WaitAsync(TestServer.Bound);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));

        Assert.Equal("got one", call.ResponseStream.Current.Value);
        Assert.Equal(new Status(StatusCode.PermissionDenied, "enough"), error.Status);
        await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StringValue(), CancellationToken.None));
    }
}
