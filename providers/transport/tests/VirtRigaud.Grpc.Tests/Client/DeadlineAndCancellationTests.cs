using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>Deadlines (sent as grpc-timeout and enforced locally) and cancellation (CANCELLED locally, RST_STREAM seen by the server).</summary>
public sealed class DeadlineAndCancellationTests
{
    [Fact]
    public async Task AsyncUnaryCall_ServerNeverAnswers_DeadlineExceededAndStreamReset()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel();
        var timeout = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue(), new CallOptions().WithDeadline(timeout));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(clock.Elapsed >= timeout - TimeSpan.FromMilliseconds(50), $"failed after {clock.Elapsed}, before the deadline");
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task AsyncUnaryCall_Deadline_SentAsGrpcTimeout()
    {
        var sent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            sent.TrySetResult(context.Request.Headers["grpc-timeout"].ToString());
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "ok");
            Wire.Status(context, 0);
        });
        using var channel = server.CreateChannel();

        await channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue(), new CallOptions(Deadline: DateTimeOffset.UtcNow.AddHours(1))).ResponseAsync.WaitAsync(TestServer.Bound);

        var header = await sent.Task;
        Assert.Matches("^[0-9]{1,8}[HMSmun]$", header);
        var milliseconds = long.Parse(header[..^1], CultureInfo.InvariantCulture) * header[^1] switch
        {
            'H' => 3_600_000.0,
            'M' => 60_000.0,
            'S' => 1_000.0,
            'm' => 1.0,
            'u' => 0.001,
            _ => 0.000_001,
        };
        Assert.InRange(milliseconds, TimeSpan.FromMinutes(59).TotalMilliseconds, TimeSpan.FromHours(1).TotalMilliseconds);
    }

    [Fact]
    public async Task AsyncUnaryCall_DeadlineAlreadyPassed_DeadlineExceededWithoutServer()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{TestServer.FreePort()}");

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue(), new CallOptions(Deadline: DateTimeOffset.UtcNow.AddSeconds(-1)));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().Code);
    }

    [Fact]
    public async Task AsyncServerStreamingCall_DeadlineWhileWaitingForNextMessage_DeadlineExceeded()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "only one");
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue(), new CallOptions().WithDeadline(TimeSpan.FromMilliseconds(500)));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task AsyncServerStreamingCall_TokenCancelledMidStream_CancelledAndServerObservesAbort()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Wire.ReadAllAsync(context);
            await Wire.WriteAsync(context, "first");
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue(), new CallOptions(CancellationToken: cancellation.Token));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));
        var next = call.ResponseStream.MoveNext(CancellationToken.None);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => next.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().Code);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task AsyncUnaryCall_TokenCancelledBeforeResponseHeaders_CancelledAndServerObservesAbort()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Unary", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Wire.ReadAllAsync(context);
            started.TrySetResult();
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue(), new CallOptions(CancellationToken: cancellation.Token));
        await started.Task.WaitAsync(TestServer.Bound);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task AsyncUnaryCall_TokenAlreadyCancelled_CancelledAtOnce()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{TestServer.FreePort()}");

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoService.Unary, new StringValue(), new CallOptions(CancellationToken: new CancellationToken(canceled: true)));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task MoveNext_ItsTokenCancelled_CancelsCall()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("Bidi", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Wire.SendHeadersAsync(context);
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoService.Bidi);
        await call.ResponseHeadersAsync.WaitAsync(TestServer.Bound);
        var read = call.ResponseStream.MoveNext(cancellation.Token);
        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => read.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await aborted.Task.WaitAsync(TestServer.Bound);
        await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StringValue(), CancellationToken.None));
    }

    [Fact]
    public async Task Dispose_RunningCall_CancelledAndServerObservesAbort()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("ClientStream", async context =>
        {
            using var _ = context.RequestAborted.Register(() => aborted.TrySetResult());
            started.TrySetResult();
            await Wire.WaitForAbortAsync(context);
        });
        using var channel = server.CreateChannel();

        var call = channel.CreateCallInvoker().AsyncClientStreamingCall(EchoService.ClientStream);
        await started.Task.WaitAsync(TestServer.Bound);
        call.Dispose();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await aborted.Task.WaitAsync(TestServer.Bound);
    }

    [Fact]
    public async Task Dispose_Channel_CancelsRunningCalls()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync("ServerStream", async context =>
        {
            started.TrySetResult();
            await Wire.WaitForAbortAsync(context);
        });
        var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(EchoService.ServerStream, new StringValue());
        await started.Task.WaitAsync(TestServer.Bound);
        channel.Dispose();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TestServer.Bound));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Throws<ObjectDisposedException>(channel.CreateCallInvoker);
    }
}
