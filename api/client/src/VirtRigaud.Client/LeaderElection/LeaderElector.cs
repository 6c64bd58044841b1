using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VirtRigaud.Client.LeaderElection;

/// <summary>
/// Leader election over an <see cref="ILeaseStore"/>, with client-go's algorithm (k8s.io/client-go/tools/leaderelection).
/// </summary>
/// <remarks>
/// <para>
/// <b>Acquire.</b> Every <see cref="LeaderElectorOptions.RetryPeriod"/> (jittered up to ×2.2) the candidate reads the
/// record. It takes over (incrementing <c>leaseTransitions</c>) when the lock is missing, released (empty holder), or
/// unchanged for longer than the record's <c>leaseDurationSeconds</c> <i>as measured on this candidate's own clock
/// since it last saw the record change</i> — never by comparing <c>renewTime</c> with local time, so clock skew between
/// machines cannot make two leaders. Writes carry the read resourceVersion; a conflict (409) means someone else won
/// the race, and the candidate tries again later.
/// </para>
/// <para>
/// <b>Lead.</b> <see cref="LeaderElectorOptions.OnStartedLeading"/> runs with a token that is cancelled when
/// leadership ends. The leader renews every retry period (first optimistically with the version it wrote last); each
/// renewal may retry until <see cref="LeaderElectorOptions.RenewDeadline"/> has passed, after which leadership is lost.
/// Because RenewDeadline &lt; LeaseDuration, the old leader stops acting before anyone else may take over.
/// </para>
/// <para>
/// <b>Stop.</b> <see cref="RunAsync"/> returns when its token is cancelled, when leadership is lost, or when the
/// leading work returns. It waits for the leading work, then (with
/// <see cref="LeaderElectorOptions.ReleaseOnCancel"/>) releases the lock, then calls
/// <see cref="LeaderElectorOptions.OnStoppedLeading"/>.
/// </para>
/// The constructor does no work. <see cref="RunAsync"/> runs once at a time; the properties are thread-safe.
/// </remarks>
public sealed class LeaderElector
{
    private readonly ILeaseStore _store;
    private readonly LeaderElectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private LeaderElectionRecord? _observedRecord;
    private string? _observedVersion;
    private long _observedTime;
    private string? _reportedLeader;
    private Task _callbacks = Task.CompletedTask;
    private int _running;

    /// <summary>Creates an elector competing for <paramref name="store"/>.</summary>
    public LeaderElector(ILeaseStore store, LeaderElectorOptions options, ILogger? logger = null)
    {
        _store = store;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>This candidate's identity.</summary>
    public string Identity => _options.Identity;

    /// <summary>Whether the last record this candidate observed (or wrote) names it as the holder.</summary>
    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return IsLeaderLocked();
            }
        }
    }

    /// <summary>The holder in the last observed record; null before the first read, empty when released.</summary>
    public string? Leader
    {
        get
        {
            lock (_gate)
            {
                return _observedRecord?.HolderIdentity;
            }
        }
    }

    /// <summary>
    /// client-go's <c>Check</c> for a liveness probe: false when this candidate believes it leads but has not renewed
    /// for longer than the lease duration plus <paramref name="maxTolerableExpiredLease"/> (its renew loop is stuck).
    /// </summary>
    public bool IsHealthy(TimeSpan maxTolerableExpiredLease)
    {
        lock (_gate)
        {
            return !IsLeaderLocked() || _time.GetElapsedTime(_observedTime) <= _options.LeaseDuration + maxTolerableExpiredLease;
        }
    }

    /// <summary>
    /// Competes for the lock and leads while it holds it; see the class remarks for when it returns. Does not throw on
    /// cancellation; rethrows the exception of a failed <see cref="LeaderElectorOptions.OnStartedLeading"/> after leading
    /// ended. Store failures are logged and retried.
    /// </summary>
    /// <exception cref="InvalidOperationException">The elector is already running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("the leader elector is already running");
        }

        try
        {
            if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await LeadAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _callbacks.ConfigureAwait(false);
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        using (var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var work = Task.Run(() => _options.OnStartedLeading(leading.Token), CancellationToken.None);

            // Leading ends when the work returns, too: holding the lock without doing the work helps nobody.
            _ = work.ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Cancel(), leading, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await RenewAsync(leading.Token).ConfigureAwait(false);
            await leading.CancelAsync().ConfigureAwait(false);
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
                // The work honoured the cancellation.
            }
            catch (Exception e)
            {
                LeaderElectionLog.WorkFailed(_logger, _options.Name, e);
                failure = e;
            }
        }

        // As client-go: with ReleaseOnCancel the lock is given up however leading ended (ReleaseAsync writes only
        // while this candidate still holds it, guarded by the version it last saw).
        if (_options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        _options.OnStoppedLeading?.Invoke();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Tries until the lock is acquired (true) or the token is cancelled (false).</summary>
    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LeaderElectionLog.Attempting(_logger, _options.Name, Identity, _store.Description);
        while (true)
        {
            var acquired = await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
            ReportTransition();
            if (acquired)
            {
                LeaderElectionLog.Acquired(_logger, _options.Name, Identity, _store.Description);
                return true;
            }

            var jittered = _options.RetryPeriod + (_options.RetryPeriod * (Random.Shared.NextDouble() * LeaderElectorOptions.JitterFactor));
            if (!await DelayAsync(jittered, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>Renews every retry period until a renewal fails for RenewDeadline or <paramref name="leading"/> is cancelled.</summary>
    private async Task RenewAsync(CancellationToken leading)
    {
        while (!leading.IsCancellationRequested)
        {
            var renewed = false;
            using (var deadline = new CancellationTokenSource(_options.RenewDeadline, _time))
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(leading, deadline.Token))
            {
                while (!attempt.IsCancellationRequested)
                {
                    if (await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false))
                    {
                        renewed = true;
                        break;
                    }

                    if (!await DelayAsync(_options.RetryPeriod, attempt.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
            }

            ReportTransition();
            if (!renewed)
            {
                if (!leading.IsCancellationRequested)
                {
                    LeaderElectionLog.Lost(_logger, _options.Name, Identity, _store.Description, _options.RenewDeadline);
                }

                return;
            }

            if (!await DelayAsync(_options.RetryPeriod, leading).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>client-go's <c>tryAcquireOrRenew</c>: true when this candidate holds the lock after the call.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        var desired = new LeaderElectionRecord
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = (int)_options.LeaseDuration.TotalSeconds,
            RenewTime = now,
            AcquireTime = now,
        };

        try
        {
            // 1. Fast path: the leader renews with the version it wrote last, without reading first.
            LeaderElectionRecord? observed;
            string? version;
            bool leaderWithValidLease;
            lock (_gate)
            {
                (observed, version) = (_observedRecord, _observedVersion);
                leaderWithValidLease = IsLeaderLocked() && IsLeaseValidLocked();
            }

            if (leaderWithValidLease && observed is not null && version is not null)
            {
                try
                {
                    var renewed = desired with { AcquireTime = observed.AcquireTime, LeaderTransitions = observed.LeaderTransitions };
                    Observe(await _store.UpdateAsync(renewed, version, cancellationToken).ConfigureAwait(false));
                    return true;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LeaderElectionLog.FastPathFailed(_logger, _options.Name, _store.Description, e);
                }
            }

            // 2. Read the lock, or create it.
            var current = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                Observe(await _store.CreateAsync(desired, cancellationToken).ConfigureAwait(false));
                return true;
            }

            // 3. Someone else holds an unexpired claim: wait.
            bool isLeader;
            lock (_gate)
            {
                if (_observedRecord != current.Record)
                {
                    _observedRecord = current.Record;
                    _observedTime = _time.GetTimestamp();
                }

                _observedVersion = current.ResourceVersion;
                isLeader = IsLeaderLocked();
                if (current.Record.HolderIdentity.Length > 0 && IsLeaseValidLocked() && !isLeader)
                {
                    return false;
                }
            }

            // 4. Take over (a new transition) or renew (keep acquireTime and the count).
            desired = isLeader
                ? desired with { AcquireTime = current.Record.AcquireTime, LeaderTransitions = current.Record.LeaderTransitions }
                : desired with { LeaderTransitions = current.Record.LeaderTransitions + 1 };
            Observe(await _store.UpdateAsync(desired, current.ResourceVersion, cancellationToken).ConfigureAwait(false));
            return true;
        }
        catch (LeaseConflictException)
        {
            LeaderElectionLog.Conflict(_logger, _options.Name, _store.Description);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            LeaderElectionLog.StoreFailed(_logger, _options.Name, _store.Description, e);
            return false;
        }
    }

    /// <summary>client-go's <c>release</c>: an empty holder with a 1 s lease, written with the version last seen.</summary>
    private async Task ReleaseAsync()
    {
        LeaderElectionRecord? observed;
        string? version;
        lock (_gate)
        {
            if (!IsLeaderLocked())
            {
                return;
            }

            (observed, version) = (_observedRecord, _observedVersion);
        }

        var now = Now();
        var released = new LeaderElectionRecord
        {
            LeaderTransitions = observed!.LeaderTransitions,
            LeaseDurationSeconds = 1,
            RenewTime = now,
            AcquireTime = now,
        };
        try
        {
            // The caller's token is cancelled already: the release gets its own budget of one renew deadline.
            using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
            try
            {
                Observe(await _store.UpdateAsync(released, version!, timeout.Token).ConfigureAwait(false));
            }
            catch (LeaseConflictException)
            {
                // A renewal cancelled in flight may have landed after all, so the version we hold is stale. Read the
                // lock again and release it if it still names us (and only then).
                var current = await _store.GetAsync(timeout.Token).ConfigureAwait(false);
                if (current is null || current.Record.HolderIdentity != Identity)
                {
                    return;
                }

                Observe(await _store.UpdateAsync(released with { LeaderTransitions = current.Record.LeaderTransitions }, current.ResourceVersion, timeout.Token).ConfigureAwait(false));
            }

            LeaderElectionLog.Released(_logger, _options.Name, Identity, _store.Description);
        }
        catch (Exception e)
        {
            LeaderElectionLog.ReleaseFailed(_logger, _options.Name, _store.Description, e);
        }
    }

    private void Observe(LeaseSnapshot snapshot)
    {
        lock (_gate)
        {
            _observedRecord = snapshot.Record;
            _observedVersion = snapshot.ResourceVersion;
            _observedTime = _time.GetTimestamp();
        }
    }

    /// <summary>client-go's <c>maybeReportTransition</c>: OnNewLeader for a holder not reported yet, off this loop, in order.</summary>
    private void ReportTransition()
    {
        string holder;
        lock (_gate)
        {
            if (_observedRecord is null || _observedRecord.HolderIdentity == _reportedLeader)
            {
                return;
            }

            holder = _reportedLeader = _observedRecord.HolderIdentity;
        }

        if (holder.Length > 0)
        {
            LeaderElectionLog.NewLeader(_logger, _options.Name, holder);
        }

        if (_options.OnNewLeader is { } callback)
        {
            _callbacks = _callbacks.ContinueWith(
                _ =>
                {
                    try
                    {
                        callback(holder);
                    }
                    catch (Exception e)
                    {
                        LeaderElectionLog.CallbackFailed(_logger, _options.Name, e);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }
    }

    private bool IsLeaderLocked() => _observedRecord is not null && _observedRecord.HolderIdentity == Identity;

    private bool IsLeaseValidLocked() =>
        _observedRecord is not null && _time.GetElapsedTime(_observedTime) < TimeSpan.FromSeconds(_observedRecord.LeaseDurationSeconds);

    /// <summary>Wall-clock time at a Lease's MicroTime precision (microseconds), so what we write is what we read back.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
