using VirtRigaud.Client.LeaderElection;
using VirtRigaud.Client.Tests.WorkQueue;

namespace VirtRigaud.Client.Tests.LeaderElection;

/// <summary>client-go's election algorithm on a manual clock and a store with real optimistic concurrency.</summary>
public sealed class LeaderElectorTests : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryLeaseStore _store = new();
    private readonly List<Candidate> _candidates = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var candidate in _candidates)
        {
            await candidate.StopAsync();
        }
    }

    [Fact]
    public async Task RunAsync_NoLock_CreatesItAndLeads()
    {
        var a = Start("a");

        await a.LeadingAsync();

        var record = _store.Record!;
        Assert.Equal("a", record.HolderIdentity);
        Assert.Equal(15, record.LeaseDurationSeconds);
        Assert.Equal(0, record.LeaderTransitions);
        Assert.Equal(_time.GetUtcNow(), record.AcquireTime);
        Assert.Equal(record.AcquireTime, record.RenewTime);
        Assert.True(a.Elector.IsLeader);
        await Eventually.TrueAsync(() => a.NewLeaders.SequenceEqual(["a"]), "a was reported as the new leader");
    }

    [Fact]
    public async Task RunAsync_Leading_RenewsEveryRetryPeriodKeepingAcquireTime()
    {
        var a = Start("a");
        await a.LeadingAsync();
        var acquired = _store.Record!.AcquireTime;

        // As client-go, the renew loop renews at once after acquiring, then every retry period.
        await Eventually.TrueAsync(() => _store.Writes == 2, "the lease was renewed at once");
        await AdvanceAsync(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => _store.Writes == 3, "the lease was renewed after one retry period");
        await AdvanceAsync(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => _store.Writes == 4, "the lease was renewed after two retry periods");

        var record = _store.Record!;
        Assert.Equal(acquired, record.AcquireTime);
        Assert.Equal(acquired + TimeSpan.FromSeconds(4), record.RenewTime);
        Assert.Equal(0, record.LeaderTransitions);
        Assert.Equal(0, _store.Conflicts);
    }

    [Fact]
    public async Task RunAsync_LockHeld_WaitsTheLeaseDurationOnItsOwnClockNotTheRecordsTimes()
    {
        // Another process holds the lock; its renewTime is years old by our clock (clock skew), which must not matter.
        _store.Put(new LeaderElectionRecord
        {
            HolderIdentity = "other",
            LeaseDurationSeconds = 15,
            AcquireTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            RenewTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            LeaderTransitions = 4,
        });
        var b = Start("b");
        await Eventually.TrueAsync(() => b.Elector.Leader == "other", "b read the lock");

        await AdvanceAsync(TimeSpan.FromSeconds(14.5));
        Assert.Equal("other", _store.Record!.HolderIdentity);
        Assert.False(b.Elector.IsLeader);

        // b reads at most every 2.2 retry periods (4.4 s), so it has taken over by 15 + 4.4 s.
        await AdvanceAsync(TimeSpan.FromSeconds(7));
        await b.LeadingAsync();
        Assert.Equal(5, _store.Record!.LeaderTransitions);
        await Eventually.TrueAsync(() => b.NewLeaders.SequenceEqual(["other", "b"]), "b reported other, then itself");
    }

    [Fact]
    public async Task RunAsync_LeaderKeepsRenewing_OtherCandidateNeverTakesOver()
    {
        var a = Start("a");
        await a.LeadingAsync();
        var b = Start("b");

        await AdvanceAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("a", _store.Record!.HolderIdentity);
        Assert.False(b.Elector.IsLeader);
        Assert.Equal(0, b.Started);
    }

    [Fact]
    public async Task RunAsync_CancelledWithReleaseOnCancel_ReleasesSoTheNextCandidateNeedNotWait()
    {
        var a = Start("a", releaseOnCancel: true);
        await a.LeadingAsync();
        var b = Start("b");
        await Eventually.TrueAsync(() => b.Elector.Leader == "a", "b saw a as the leader");

        await a.StopAsync();

        Assert.Equal("", _store.Record!.HolderIdentity);
        Assert.Equal(1, _store.Record.LeaseDurationSeconds);
        Assert.Equal(1, a.Stopped);
        Assert.True(a.LeadingToken.IsCancellationRequested);

        // Well under the 15 s lease: b takes the released lock at its next try.
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        await b.LeadingAsync();
        Assert.Equal(1, _store.Record!.LeaderTransitions);
    }

    [Fact]
    public async Task RunAsync_ReleaseWithAStaleVersion_ReadsAgainAndReleasesWhatIsStillItsOwn()
    {
        var a = Start("a", releaseOnCancel: true);
        await a.LeadingAsync();
        await Eventually.TrueAsync(() => _store.Writes == 2, "a renewed at once");

        // A renewal that was cancelled in flight but landed: the version a holds is stale.
        _store.BeforeNextUpdate = s => s.Put(s.Record! with { RenewTime = s.Record.RenewTime!.Value.AddSeconds(1) });
        await a.StopAsync();

        Assert.Equal(1, _store.Conflicts);
        Assert.Equal("", _store.Record!.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_ReleaseAfterSomeoneElseTookOver_LeavesTheirLockAlone()
    {
        var a = Start("a", releaseOnCancel: true);
        await a.LeadingAsync();
        await Eventually.TrueAsync(() => _store.Writes == 2, "a renewed at once");

        _store.BeforeNextUpdate = s => s.Put(new LeaderElectionRecord { HolderIdentity = "b", LeaseDurationSeconds = 15, LeaderTransitions = 1 });
        await a.StopAsync();

        Assert.Equal("b", _store.Record!.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_CancelledWithoutRelease_LockKeptUntilItExpires()
    {
        var a = Start("a");
        await a.LeadingAsync();

        await a.StopAsync();

        Assert.Equal("a", _store.Record!.HolderIdentity);
        Assert.Equal(1, a.Stopped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_RenewalFailsForTheRenewDeadline_LeadershipLost(bool hang)
    {
        var a = Start("a");
        await a.LeadingAsync();

        if (hang)
        {
            _store.Hang = true;
        }
        else
        {
            _store.Unavailable = true;
        }

        // The first renewal round starts one retry period after the start and gives up 10 s later.
        await AdvanceAsync(TimeSpan.FromSeconds(14));
        await a.Run.WaitAsync(Eventually.DefaultTimeout);

        Assert.True(a.LeadingToken.IsCancellationRequested);
        Assert.Equal(1, a.Stopped);
    }

    [Fact]
    public async Task RunAsync_RenewalFailsBrieflyWithinTheDeadline_StillLeading()
    {
        var a = Start("a");
        await a.LeadingAsync();
        _store.Unavailable = true;

        await AdvanceAsync(TimeSpan.FromSeconds(6));
        _store.Unavailable = false;
        var writes = _store.Writes;
        await AdvanceAsync(TimeSpan.FromSeconds(3));
        await Eventually.TrueAsync(() => _store.Writes > writes, "a renewed after the outage");

        Assert.False(a.Run.IsCompleted);
        Assert.False(a.LeadingToken.IsCancellationRequested);
        Assert.Equal(0, a.Stopped);
    }

    [Fact]
    public async Task RunAsync_ConcurrentWriterWins_ConflictThenRetry()
    {
        // b writes the lock between a's read and a's create-or-update: a's write conflicts (409) and a retries later.
        _store.Put(new LeaderElectionRecord { HolderIdentity = "", LeaseDurationSeconds = 1, LeaderTransitions = 2 });
        _store.BeforeNextUpdate = s => s.Put(new LeaderElectionRecord { HolderIdentity = "", LeaseDurationSeconds = 1, LeaderTransitions = 3 });
        var a = Start("a");

        await Eventually.TrueAsync(() => _store.Conflicts == 1, "a's first write conflicted");
        Assert.False(a.Elector.IsLeader);
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        await a.LeadingAsync();

        Assert.Equal(4, _store.Record!.LeaderTransitions);
    }

    [Fact]
    public async Task RunAsync_FastPathConflict_FallsBackToReadingAndStepsDownForANewHolder()
    {
        var a = Start("a");
        await a.LeadingAsync();

        // Someone else took the lock (say, after a long pause of a): a's optimistic renewal conflicts; a reads the
        // record, sees a valid lease of another holder, and loses leadership at the renew deadline.
        _store.Put(new LeaderElectionRecord { HolderIdentity = "b", LeaseDurationSeconds = 15, LeaderTransitions = 1 });
        await AdvanceAsync(TimeSpan.FromSeconds(14));

        await a.Run.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal("b", _store.Record!.HolderIdentity);
        Assert.Equal(1, a.Stopped);
        await Eventually.TrueAsync(() => a.NewLeaders.SequenceEqual(["a", "b"]), "a reported b as the new leader");
    }

    [Fact]
    public async Task RunAsync_WorkReturns_LeadingEndsAndTheLockIsReleased()
    {
        var done = new TaskCompletionSource();
        var a = Start("a", releaseOnCancel: true, work: _ => done.Task);
        await a.LeadingAsync();

        done.SetResult();

        await a.Run.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal("", _store.Record!.HolderIdentity);
        Assert.Equal(1, a.Stopped);
    }

    [Fact]
    public async Task RunAsync_WorkFails_RethrownAfterStepping()
    {
        var a = Start("a", releaseOnCancel: true, work: _ => Task.FromException(new InvalidOperationException("controller crashed")));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => a.Run.WaitAsync(Eventually.DefaultTimeout));

        Assert.Equal("controller crashed", e.Message);
        Assert.Equal("", _store.Record!.HolderIdentity);
        Assert.Equal(1, a.Stopped);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeLeading_NoStoppedCallback()
    {
        _store.Put(new LeaderElectionRecord { HolderIdentity = "other", LeaseDurationSeconds = 15 });
        var b = Start("b");
        await Eventually.TrueAsync(() => b.Elector.Leader == "other", "b read the lock");

        await b.StopAsync();

        Assert.Equal(0, b.Started);
        Assert.Equal(0, b.Stopped);
    }

    [Fact]
    public async Task IsHealthy_LeaderWhoseRenewalsHang_UnhealthyAfterLeaseAndTolerance()
    {
        var a = Start("a");
        await a.LeadingAsync();
        Assert.True(a.Elector.IsHealthy(TimeSpan.FromSeconds(5)));
        _store.Hang = true;

        _time.Advance(TimeSpan.FromSeconds(21));

        Assert.False(a.Elector.IsHealthy(TimeSpan.FromSeconds(5)));
        Assert.True(a.Elector.IsHealthy(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(10, 10, 2, "LeaseDuration")]
    [InlineData(15, 2, 2, "RenewDeadline")]
    [InlineData(15, 10, 0, "RetryPeriod")]
    public async Task RunAsync_InvalidDurations_Throws(int lease, int renew, int retry, string parameter)
    {
        var elector = new LeaderElector(_store, new LeaderElectorOptions
        {
            Identity = "a",
            LeaseDuration = TimeSpan.FromSeconds(lease),
            RenewDeadline = TimeSpan.FromSeconds(renew),
            RetryPeriod = TimeSpan.FromSeconds(retry),
            OnStartedLeading = _ => Task.CompletedTask,
        });

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => elector.RunAsync(CancellationToken.None));

        Assert.Equal(parameter, e.ParamName);
    }

    /// <summary>Moves the manual clock forward in small steps, letting the electors reach their next wait after each.</summary>
    private async Task AdvanceAsync(TimeSpan total)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += Step)
        {
            await _time.WaitForAsync(t => t.ActiveTimers >= _candidates.Count(c => !c.Run.IsCompleted));
            _time.Advance(Step);
        }

        await _time.WaitForAsync(t => t.ActiveTimers >= _candidates.Count(c => !c.Run.IsCompleted));
    }

    private Candidate Start(string identity, bool releaseOnCancel = false, Func<CancellationToken, Task>? work = null)
    {
        var candidate = new Candidate(identity, _store, _time, releaseOnCancel, work);
        _candidates.Add(candidate);
        return candidate;
    }

    private sealed class Candidate
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _newLeaders = [];
        private readonly TaskCompletionSource<CancellationToken> _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;
        private int _stopped;

        public Candidate(string identity, ILeaseStore store, TimeProvider time, bool releaseOnCancel, Func<CancellationToken, Task>? work)
        {
            Elector = new LeaderElector(store, new LeaderElectorOptions
            {
                Identity = identity,
                Name = "test",
                ReleaseOnCancel = releaseOnCancel,
                TimeProvider = time,
                OnStartedLeading = async ct =>
                {
                    Interlocked.Increment(ref _started);
                    _leading.TrySetResult(ct);
                    if (work is not null)
                    {
                        await work(ct);
                        return;
                    }

                    await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                },
                OnStoppedLeading = () => Interlocked.Increment(ref _stopped),
                OnNewLeader = leader =>
                {
                    lock (_newLeaders)
                    {
                        _newLeaders.Add(leader);
                    }
                },
            });
            Run = Elector.RunAsync(_stop.Token);
        }

        public LeaderElector Elector { get; }

        public Task Run { get; }

        public int Started => Volatile.Read(ref _started);

        public int Stopped => Volatile.Read(ref _stopped);

        public CancellationToken LeadingToken => _leading.Task.IsCompleted ? _leading.Task.Result : CancellationToken.None;

        public IReadOnlyList<string> NewLeaders
        {
            get
            {
                lock (_newLeaders)
                {
                    return [.. _newLeaders];
                }
            }
        }

        public async Task LeadingAsync()
        {
            await _leading.Task.WaitAsync(Eventually.DefaultTimeout);
            await Eventually.TrueAsync(() => Elector.IsLeader, Elector.Identity + " leads");
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await Run.WaitAsync(Eventually.DefaultTimeout);
            }
            catch (InvalidOperationException)
            {
                // A test whose work failed already asserted it.
            }
        }
    }
}
