using VirtRigaud.Grpc.Bench.Protos;

namespace VirtRigaud.Grpc.Bench;

/// <summary>
/// The C# bench client: one channel (one HTTP/2 connection) to the target, <see cref="ClientSettings.Concurrency"/>
/// calls outstanding, the result printed as one JSON line. Deadlines as in bench_client.py, so both sides send
/// <c>grpc-timeout</c> and arm a timer per call, as production calls do.
/// </summary>
internal static class BenchClient
{
    private static readonly TimeSpan UnaryDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Added to warm-up and duration for the stream's deadline: the client, not the deadline, ends it.</summary>
    private static readonly TimeSpan StreamDeadlineMargin = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(ClientSettings settings)
    {
        using var channel = GrpcChannel.ForAddress(new Uri($"http://{settings.Target}"));
        var invoker = channel.CreateCallInvoker();
        var payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(Enumerable.Repeat((byte)0x5a, settings.PayloadSize).ToArray()) };
        var streamDeadline = settings.MaxWarmup + settings.Duration + StreamDeadlineMargin;

        var generator = new LoadGenerator(settings);
        var result = settings.Scenario switch
        {
            BenchScenario.Unary => await generator.RunAsync(
                (counter, stop) => UnaryWorkerAsync(invoker, payload, counter, stop), CancellationToken.None).ConfigureAwait(false),
            _ => await generator.RunAsync(
                (counter, stop) => StreamWorkerAsync(invoker, payload, streamDeadline, counter, stop), CancellationToken.None).ConfigureAwait(false),
        };
        Console.WriteLine(result.ToJson());
        return 0;
    }

    /// <summary>
    /// One unary call after the other. The stop token is not passed to the call: the call in flight finishes, as the
    /// python worker's does, instead of being reset.
    /// </summary>
    private static async Task UnaryWorkerAsync(CallInvoker invoker, Payload payload, CompletionCounter counter, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var call = invoker.AsyncUnaryCall(BenchService.Unary, payload, new CallOptions(Deadline: DateTimeOffset.UtcNow + UnaryDeadline));
            await call.ResponseAsync.ConfigureAwait(false);
            counter.Increment();
        }
    }

    /// <summary>One stream read until <paramref name="stop"/> cancels it; every message counts.</summary>
    private static async Task StreamWorkerAsync(
        CallInvoker invoker, Payload payload, TimeSpan deadline, CompletionCounter counter, CancellationToken stop)
    {
        using var call = invoker.AsyncServerStreamingCall(
            BenchService.Stream, payload, new CallOptions(Deadline: DateTimeOffset.UtcNow + deadline, CancellationToken: stop));
        try
        {
            while (await call.ResponseStream.MoveNext(stop).ConfigureAwait(false))
            {
                counter.Increment();
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }

        throw new InvalidOperationException("the server ended the stream");
    }
}
