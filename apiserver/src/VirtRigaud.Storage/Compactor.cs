using Microsoft.Extensions.Logging;

namespace VirtRigaud.Storage;

/// <summary>
/// Compacts an <see cref="IStorage"/> periodically, whatever its backend, the way kube-apiserver compacts etcd: at
/// every tick it compacts at the revision it recorded at the previous tick, then records the current revision. So the
/// history window is always at least one <see cref="CompactorOptions.Interval"/>: a client that saw a revision less than
/// one interval ago can still resume a watch or a paged list from it.
/// </summary>
/// <remarks>
/// <code>
/// tick   records   compacts at
/// 1      r1        —
/// 2      r2        r1
/// 3      r3        r2
/// </code>
/// A failed tick is logged and skipped; the next one compacts at the revision recorded by the last successful read.
/// Several compactors on one etcd are harmless: compacting at or below the compacted revision does nothing.
/// </remarks>
public sealed class Compactor(IStorage storage, CompactorOptions options, ILogger<Compactor> logger, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private long _recorded;
    private int _ticks;

    /// <summary>How many ticks have finished (successfully or not); lets tests wait for a tick.</summary>
    internal int Ticks => Volatile.Read(ref _ticks);

    /// <summary>Compacts every interval until <paramref name="cancellationToken"/> fires (then returns without error).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        using var timer = new PeriodicTimer(options.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await TickAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One tick: compact at the revision recorded last time (if any), then record the current revision.</summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_recorded > 0)
            {
                try
                {
                    await storage.CompactAsync(_recorded, cancellationToken);
                    CompactorLog.Compacted(logger, _recorded);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    CompactorLog.CompactionFailed(logger, _recorded, e);
                }
            }

            try
            {
                _recorded = await storage.GetCurrentRevisionAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CompactorLog.RevisionReadFailed(logger, e);
            }
        }
        finally
        {
            Interlocked.Increment(ref _ticks);
        }
    }
}
