using System.Diagnostics;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// Closed-loop load: <c>clients</c> loops, each issuing its next operation when the previous one completed, until a
/// deadline or until a shared operation budget is spent. Every operation's latency is recorded.
/// </summary>
internal static class LoadLoop
{
    /// <summary>Runs for <paramref name="duration"/>; an operation in flight at the deadline completes and counts.</summary>
    public static Task<LoadResult> TimedAsync(int clients, TimeSpan duration, Func<int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return RunAsync(clients, () => Stopwatch.GetTimestamp() < deadline, operation, cancellationToken);
    }

    /// <summary>Runs exactly <paramref name="operations"/> operations spread over the clients as they become free.</summary>
    public static Task<LoadResult> CountedAsync(int clients, int operations, Func<int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var left = operations;
        return RunAsync(clients, () => Interlocked.Decrement(ref left) >= 0, operation, cancellationToken);
    }

    private static async Task<LoadResult> RunAsync(int clients, Func<bool> more, Func<int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (more())
            {
                var start = Stopwatch.GetTimestamp();
                await operation(client, cancellationToken);
                latencies.Since(start);
            }
        }, cancellationToken));
        await Task.WhenAll(loops);
        return new LoadResult(latencies.Count / clock.Elapsed.TotalSeconds, latencies);
    }
}
