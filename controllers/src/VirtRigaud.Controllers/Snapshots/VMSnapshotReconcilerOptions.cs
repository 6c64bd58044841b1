namespace VirtRigaud.Controllers.Snapshots;

/// <summary>
/// Timing and limits of the VMSnapshot controller. Ready snapshots are not polled: they come back when their VM or a
/// sibling snapshot changes, when a retention deadline falls due, and on the manager's resync. Validate with
/// <see cref="Validate"/>.
/// </summary>
public sealed record VMSnapshotReconcilerOptions
{
    /// <summary>How often an in-flight provider task is polled (upstream: 10 s).</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait before looking again at a missing, unprovisioned or busy VM (upstream: 30 s); VM changes also wake the snapshot.</summary>
    public TimeSpan WaitInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay after a provider error; doubled per consecutive failure up to <see cref="MaxFailureBackoff"/>.</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between retries after repeated provider errors.</summary>
    public TimeSpan MaxFailureBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many failed SnapshotCreate tasks in a row are retried before the snapshot is Failed (upstream never retried).</summary>
    public int MaxTaskFailures { get; init; } = 3;

    /// <summary>Throws when a value is out of range; returns this.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is zero or negative, or a maximum is below its base.</exception>
    public VMSnapshotReconcilerOptions Validate()
    {
        Positive(TaskPollInterval, nameof(TaskPollInterval));
        Positive(WaitInterval, nameof(WaitInterval));
        Positive(FailureBackoff, nameof(FailureBackoff));
        if (MaxFailureBackoff < FailureBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFailureBackoff), MaxFailureBackoff, $"must be at least {nameof(FailureBackoff)} ({FailureBackoff})");
        }

        if (MaxTaskFailures < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTaskFailures), MaxTaskFailures, "must be at least 1");
        }

        return this;
    }

    /// <summary>The delay after the <paramref name="consecutiveFailures"/>-th provider error in a row (1 = first).</summary>
    public TimeSpan Backoff(int consecutiveFailures)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 30);
        var ticks = FailureBackoff.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxFailureBackoff.Ticks ? MaxFailureBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
        }
    }
}
