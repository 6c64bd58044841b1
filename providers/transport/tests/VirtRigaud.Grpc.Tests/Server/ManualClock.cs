namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>
/// A clock the test moves by hand. Timers fire synchronously inside <see cref="Advance"/> once their due time is
/// reached, so deadline tests neither sleep nor race the wall clock.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<Timer> _timers = [];
    private readonly List<TimeSpan> _requestedDueTimes = [];
    private readonly TaskCompletionSource _timerCreated = Signals.New();
    private DateTimeOffset _now = start;

    /// <summary>Every due time passed to a timer (creation and <c>Change</c>), in order.</summary>
    public IReadOnlyList<TimeSpan> RequestedDueTimes
    {
        get
        {
            lock (_sync)
            {
                return [.. _requestedDueTimes];
            }
        }
    }

    /// <summary>Completes when the first timer is created (for a server call: when it started its deadline).</summary>
    public Task TimerCreated => _timerCreated.Task.WaitAsync(GrpcTestServer.Patience);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_sync)
        {
            _timers.Add(timer);
        }

        _timerCreated.TrySetResult();
        return timer;
    }

    /// <summary>Moves the clock and runs, on this thread, every timer that became due.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_sync)
        {
            _now += by;
        }

        while (true)
        {
            Timer? due;
            lock (_sync)
            {
                due = _timers.Where(t => t.DueAt is { } at && at <= _now).MinBy(t => t.DueAt);
                if (due is null)
                {
                    return;
                }

                due.DueAt = due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan ? due.DueAt + due.Period : null;
            }

            due.Fire();
        }
    }

    private sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._sync)
            {
                if (_disposed)
                {
                    return false;
                }

                clock._requestedDueTimes.Add(dueTime);
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period;
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._sync)
            {
                clock._timers.Remove(this);
                DueAt = null;
                _disposed = true;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
