using System.Threading.Channels;

namespace VirtRigaud.Provider.Contract.Tests.Testing;

/// <summary>
/// A clock the test moves by hand, starting at the real time (so deadlines computed from it are sensible to the
/// transport, which runs on the system clock). Timers fire inside <see cref="Advance"/> once due; each timer start is
/// announced so a test can wait for the code under test to begin waiting, instead of sleeping.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits until some timer is started (or re-armed) with a finite due time; returns that due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync() =>
        await _started.Reader.ReadAsync().AsTask().WaitAsync(ProviderTestServer.Patience);

    /// <summary>Moves the clock and runs every timer that became due, on this thread.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_sync)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt <= _now).ToList();
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_sync)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            _timers.Add(timer);
        }

        _started.Writer.TryWrite(dueTime);
    }

    private void Cancel(ManualTimer timer)
    {
        lock (_sync)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            owner.Cancel(this);
            return ValueTask.CompletedTask;
        }
    }
}
