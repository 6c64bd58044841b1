using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VirtRigaud.Storage.Bench;

/// <summary>
/// Runs every case: for each backend and writer count, a fresh store (a new SQLite file, or a new key prefix on one
/// etcd) is driven by N concurrent writers for a fixed time per phase — creates, then guaranteed updates of the keys
/// just created, then gets of them — and then a watch measures how long a create takes to reach a watcher while N
/// writers create. For etcd, bare Puts through our client at the same concurrency give the physical limit.
/// </summary>
internal static class StorageBenchmark
{
    public static async Task<BenchReport> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new BenchReport();
        await using var backends = await Backends.StartAsync(settings, cancellationToken);
        var value = Value(settings.ValueBytes);

        foreach (var backend in settings.Backends)
        {
            foreach (var writers in settings.Writers)
            {
                for (var round = 1; round <= settings.Repeats; round++)
                {
                    await using var store = await backends.OpenAsync(backend, cancellationToken);
                    var keys = new List<string>[writers];
                    for (var w = 0; w < writers; w++)
                    {
                        keys[w] = [];
                    }

                    // The baseline right before the creates it is compared with, so both see the same machine.
                    var raw = double.NaN;
                    if (backend == "etcd")
                    {
                        raw = await TimedAsync(writers, settings.Duration, (w, n, ct) => backends.RawPutAsync(w, n, value, ct), cancellationToken);
                    }

                    var creates = await TimedAsync(writers, settings.Duration, async (w, n, ct) =>
                    {
                        var key = string.Create(CultureInfo.InvariantCulture, $"/infra.virtrigaud.io/virtualmachines/bench/w{w}-{n}");
                        await store.CreateAsync(key, value, ct);
                        keys[w].Add(key);
                    }, cancellationToken);

                    var updates = await TimedAsync(writers, settings.Duration, async (w, n, ct) =>
                    {
                        var key = keys[w][n % keys[w].Count];
                        await store.GuaranteedUpdateAsync(key, null, false, (current, _) => ValueTask.FromResult(Touch(current!.Value, n)), cancellationToken: ct);
                    }, cancellationToken);

                    var gets = await TimedAsync(writers, settings.Duration, async (w, n, ct) =>
                    {
                        var mine = keys[w];
                        await store.GetAsync(mine[(int)((uint)(n * 2654435761u) % (uint)mine.Count)], default, ct);
                    }, cancellationToken);

                    var latency = await WatchLatencyAsync(store, writers, settings.Duration, value, cancellationToken);

                    report.Add(backend, writers, creates, updates, gets, latency.P50, latency.P99, raw);
                    await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{backend,-6} writers={writers,-3} round {round}: creates/s {creates,9:F0}  updates/s {updates,9:F0}  gets/s {gets,9:F0}  watch p50 {latency.P50,7:F2} ms p99 {latency.P99,7:F2} ms{(double.IsNaN(raw) ? "" : $"  raw etcd puts/s {raw,9:F0}")}"));
                }
            }
        }

        return report;
    }

    /// <summary>Runs <paramref name="writers"/> loops of <paramref name="operation"/> for <paramref name="duration"/>; returns operations per second.</summary>
    private static async Task<double> TimedAsync(int writers, TimeSpan duration, Func<int, int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counts = new long[writers];
        var clock = Stopwatch.StartNew();
        stop.CancelAfter(duration);
        var loops = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                // The operation itself is not cancelled at the deadline: a half-done write would be counted as neither.
                await operation(w, n, cancellationToken);
                counts[w]++;
            }
        }, cancellationToken));
        await Task.WhenAll(loops);
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Latency from the start of a create to its event at a watcher of the prefix, while <paramref name="writers"/>
    /// writers create as fast as they can. Keys carry the Stopwatch timestamp taken just before the write.
    /// </summary>
    private static async Task<(double P50, double P99)> WatchLatencyAsync(IStorage store, int writers, TimeSpan duration, byte[] value, CancellationToken cancellationToken)
    {
        const string prefix = "/infra.virtrigaud.io/vmsets/latency/";
        using var stopWatch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var latencies = new List<double>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expected = long.MaxValue;
        var received = 0L;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = await store.GetCurrentRevisionAsync(cancellationToken);
        var watcher = Task.Run(async () =>
        {
            await foreach (var e in store.WatchAsync(prefix, new WatchOptions { Recursive = true, StartRevision = start }, stopWatch.Token))
            {
                var now = Stopwatch.GetTimestamp();
                var name = e.Key[(e.Key.LastIndexOf('/') + 1)..];
                if (name == "ready")
                {
                    ready.TrySetResult();
                    continue;
                }

                var sent = long.Parse(name[(name.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
                latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                if (++received >= Interlocked.Read(ref expected))
                {
                    done.TrySetResult();
                }
            }
        }, cancellationToken);

        await store.CreateAsync(prefix + "ready", value, cancellationToken);
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        long written = 0;
        await TimedAsync(writers, duration, async (w, n, ct) =>
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}w{w}-{n}-{Stopwatch.GetTimestamp()}");
            await store.CreateAsync(key, value, ct);
            Interlocked.Increment(ref written);
        }, cancellationToken);

        Interlocked.Exchange(ref expected, written);
        if (Interlocked.Read(ref received) < written)
        {
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }

        await stopWatch.CancelAsync();
        try
        {
            await watcher;
        }
        catch (OperationCanceledException)
        {
            // The watch ends with the token.
        }

        var sorted = latencies.Order().ToList();
        return (Sample.Quantile(sorted, 0.50), Sample.Quantile(sorted, 0.99));
    }

    /// <summary>A JSON value of about <paramref name="size"/> bytes shaped like a stored VirtualMachine.</summary>
    private static byte[] Value(int size)
    {
        var head = """{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"bench","namespace":"bench","uid":"5f0c6a8e-2f4b-4d1a-9a57-1c2b3d4e5f60","generation":1},"spec":{"providerRef":{"name":"libvirt"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu"},"powerState":"On","userData":{"cloudInit":{"inline":" """;
        var tail = "\"}}}}";
        var pad = Math.Max(0, size - head.Length - tail.Length);
        return Encoding.UTF8.GetBytes(head + new string('x', pad) + tail);
    }

    /// <summary>The value with a different counter, so every update writes new bytes.</summary>
    private static byte[] Touch(byte[] value, int n)
    {
        var copy = (byte[])value.Clone();
        var digits = n.ToString("D8", CultureInfo.InvariantCulture);
        var at = copy.Length - 5 - digits.Length;
        Encoding.ASCII.GetBytes(digits, 0, digits.Length, copy, at);
        return copy;
    }
}
