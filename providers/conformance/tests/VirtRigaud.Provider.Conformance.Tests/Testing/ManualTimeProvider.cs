namespace VirtRigaud.Provider.Conformance.Tests.Testing;

/// <summary>
/// A clock that moves only when told to. Timers (Task.Delay, CancellationTokenSource timeouts) fire when
/// <see cref="Advance"/> passes their due time. <see cref="DriveAsync{T}"/> runs code that polls on this clock to its
/// end by jumping to each short timer as soon as one is pending — bounded waits measured in virtual time, with no real
/// sleeping. Thread-safe.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward and runs the callbacks of the timers that became due (outside the lock).</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_sync)
        {
            _now += by;
            due = [.. _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due)];
            foreach (var timer in due)
            {
                timer.Rearm(_now);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>
    /// Awaits <paramref name="run"/>, advancing the clock to every timer due within <paramref name="horizon"/> as soon
    /// as one is pending (poll pauses), but never to the long ones (case and cleanup timeouts). Fails after
    /// <paramref name="realBound"/> of real time without progress.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> run, TimeSpan horizon, TimeSpan realBound)
    {
        while (!run.IsCompleted)
        {
            Task changed;
            TimeSpan? step;
            lock (_sync)
            {
                changed = _changed.Task;
                var next = _timers.Where(t => t.Due - _now <= horizon).Select(t => (DateTimeOffset?)t.Due).Min();
                step = next is { } due ? (due > _now ? due - _now : TimeSpan.Zero) : null;
            }

            if (step is { } by)
            {
                Advance(by);
                continue;
            }

            await Task.WhenAny(run, changed).WaitAsync(realBound);
        }

        return await run;
    }

    private void Changed()
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        /// <summary>When it fires next; <see cref="DateTimeOffset.MaxValue"/> when disarmed. Guarded by the clock's lock.</summary>
        public DateTimeOffset Due { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._sync)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock._now + dueTime;
                    clock._timers.Add(this);
                }
                else
                {
                    Due = DateTimeOffset.MaxValue;
                }
            }

            clock.Changed();
            return true;
        }

        /// <summary>After firing: schedule the next period, or disarm. Called under the clock's lock.</summary>
        public void Rearm(DateTimeOffset now)
        {
            clock._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                Due = now + _period;
                clock._timers.Add(this);
            }
            else
            {
                Due = DateTimeOffset.MaxValue;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._sync)
            {
                clock._timers.Remove(this);
                Due = DateTimeOffset.MaxValue;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
