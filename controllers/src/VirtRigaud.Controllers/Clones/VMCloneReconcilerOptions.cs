namespace VirtRigaud.Controllers.Clones;

/// <summary>Timing of the VMClone controller. Validate with <see cref="Validate"/>.</summary>
public sealed record VMCloneReconcilerOptions
{
    /// <summary>How often an in-flight Clone task is polled (upstream: 10 s).</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait before looking again for a missing or unprovisioned source VM or target VMClass (upstream: 30 s); VM changes also wake the clone.</summary>
    public TimeSpan WaitInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay while the Provider is not connected; doubled per look up to <see cref="MaxConnectBackoff"/>.</summary>
    public TimeSpan ConnectBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between looks for a Provider that is not connected.</summary>
    public TimeSpan MaxConnectBackoff { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one read of a task's progress (the first WatchTask message) may take; progress is best effort.</summary>
    public TimeSpan ProgressReadTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a target VM status write that conflicts is retried with a fresh read.</summary>
    public int ConflictRetries { get; init; } = 5;

    /// <summary>Throws when a value is out of range; returns this.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is zero or negative, or a maximum is below its base.</exception>
    public VMCloneReconcilerOptions Validate()
    {
        Positive(TaskPollInterval, nameof(TaskPollInterval));
        Positive(WaitInterval, nameof(WaitInterval));
        Positive(ConnectBackoff, nameof(ConnectBackoff));
        Positive(ProgressReadTimeout, nameof(ProgressReadTimeout));
        if (MaxConnectBackoff < ConnectBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnectBackoff), MaxConnectBackoff, $"must be at least {nameof(ConnectBackoff)} ({ConnectBackoff})");
        }

        if (ConflictRetries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ConflictRetries), ConflictRetries, "must be at least 1");
        }

        return this;
    }

    /// <summary>The delay after the <paramref name="attempt"/>-th look at a Provider that is not connected (1 = first).</summary>
    public TimeSpan ConnectDelay(int attempt)
    {
        var ticks = ConnectBackoff.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return ticks >= MaxConnectBackoff.Ticks ? MaxConnectBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
        }
    }
}
