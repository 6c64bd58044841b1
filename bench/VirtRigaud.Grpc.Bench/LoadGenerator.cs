using System.Diagnostics;
using System.Runtime;

namespace VirtRigaud.Grpc.Bench;

/// <summary>
/// Closed-loop throughput harness with a fixed duration, mirrored by bench/grpc/bench_client.py so that both languages
/// are measured the same way: <see cref="ClientSettings.Concurrency"/> workers each keep one call (or stream)
/// outstanding and count what completes; the count taken after the warm-up and again
/// <see cref="ClientSettings.Duration"/> later, over the elapsed time actually measured, is the rate. The CPU time of
/// this process and of the server over the same window gives the cost per call, the steadier figure when client and
/// server share two cores. A worker that fails fails the run: a benchmark whose calls fail measures nothing.
/// </summary>
/// <remarks>
/// <para>
/// Not BenchmarkDotNet: it measures one in-process method per invocation and tunes invocation counts itself, which
/// cannot be reproduced by the python client it is compared against, and it has no notion of N calls in flight.
/// </para>
/// <para>
/// The warm-up lasts at least <see cref="ClientSettings.Warmup"/> and then, up to <see cref="ClientSettings.MaxWarmup"/>,
/// until the JIT is quiet (at most <see cref="JitQuietCompilations"/> methods in each of
/// <see cref="JitQuietPeriodsRequired"/> successive <see cref="JitQuietPeriod"/>s; a single one was not enough, the lull
/// between the tier-0 and the tier-1 bursts sometimes passed for quiet): tiered
/// compilation recompiles the hot paths on a background thread for seconds after start-up (hundreds of methods per
/// half second for about 4.5 s, at 20-60 % of a core, on the 2-core bench machine), and a window that overlaps it
/// measures the JIT, not the transport: the first runs with a plain 1 s warm-up reported C#→C# at less than half its
/// steady rate. After the burst a trickle of rarely called methods (a few per half second) goes on for tens of
/// seconds; it costs nothing measurable and is not waited for. Python has no JIT and warms up for the minimum only.
/// </para>
/// </remarks>
internal sealed class LoadGenerator(ClientSettings settings)
{
    /// <summary>Well above tiered compilation's 100 ms call-counting delay, so a quiet period means no batch is pending.</summary>
    private static readonly TimeSpan JitQuietPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>The trickle measured after the burst was 1-10 methods per half second; the burst, 100-600.</summary>
    private const int JitQuietCompilations = 10;

    private const int JitQuietPeriodsRequired = 2;

    /// <summary>
    /// Runs <paramref name="worker"/> <see cref="ClientSettings.Concurrency"/> times at once. A worker loops until its
    /// token is cancelled, then returns normally (cancellation of its last call is expected, not an error).
    /// </summary>
    public async Task<LoadResult> RunAsync(Func<CompletionCounter, CancellationToken, Task> worker, CancellationToken cancellationToken)
    {
        var counter = new CompletionCounter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new Task[settings.Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = worker(counter, stop.Token);
        }

        var window = MeasureAsync(counter, cancellationToken);
        var first = await Task.WhenAny(window, Task.WhenAny(workers)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        if (first != window)
        {
            var failed = workers.First(w => w.IsCompleted);
            await failed.ConfigureAwait(false);
            throw new InvalidOperationException("a worker ended before the measurement did");
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return await window.ConfigureAwait(false);
    }

    private async Task<LoadResult> MeasureAsync(CompletionCounter counter, CancellationToken cancellationToken)
    {
        var warmup = await WarmUpAsync(cancellationToken).ConfigureAwait(false);

        var countAtStart = counter.Read();
        var started = Stopwatch.GetTimestamp();
        var clientCpuAtStart = Environment.CpuUsage.TotalTime;
        var serverCpuAtStart = settings.Server?.Read();
        var jitAtStart = JitInfo.GetCompiledMethodCount();
        await Task.Delay(settings.Duration, cancellationToken).ConfigureAwait(false);
        var count = counter.Read() - countAtStart;
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadResult(
            count,
            elapsed,
            Environment.CpuUsage.TotalTime - clientCpuAtStart,
            settings.Server?.Read() - serverCpuAtStart,
            warmup,
            JitInfo.GetCompiledMethodCount() - jitAtStart);
    }

    private async Task<TimeSpan> WarmUpAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(settings.Warmup, cancellationToken).ConfigureAwait(false);
        var compiled = JitInfo.GetCompiledMethodCount();
        var quietPeriods = 0;
        while (quietPeriods < JitQuietPeriodsRequired && Stopwatch.GetElapsedTime(started) + JitQuietPeriod <= settings.MaxWarmup)
        {
            await Task.Delay(JitQuietPeriod, cancellationToken).ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount();
            quietPeriods = now - compiled <= JitQuietCompilations ? quietPeriods + 1 : 0;
            compiled = now;
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
