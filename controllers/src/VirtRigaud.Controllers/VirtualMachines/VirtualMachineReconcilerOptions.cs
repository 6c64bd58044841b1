namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// Timing and limits of the VirtualMachine controller. Healthy VMs are not polled: they are reconciled on change and
/// on the manager's slow resync (drift detection); only in-flight work is looked at again soon. Validate with
/// <see cref="Validate"/>.
/// </summary>
public sealed record VirtualMachineReconcilerOptions
{
    /// <summary>How often an in-flight provider task is polled when no WatchTask stream follows it (upstream: 5 s).</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The safety-net look at a task that a WatchTask stream follows (the stream's end wakes the VM at once; this only
    /// covers a lost stream).
    /// </summary>
    public TimeSpan TaskWatchResyncInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// WatchTask streams open at once per Provider; beyond it tasks are polled. Keeps a burst of creates from
    /// exhausting the HTTP/2 connection's concurrent streams (100 by default on the provider side).
    /// </summary>
    public int MaxTaskWatchesPerProvider { get; init; } = 32;

    /// <summary>How long to wait before looking again for a missing Secret or an unconnected Provider (upstream: 30 s); other dependencies are watched.</summary>
    public TimeSpan DependencyRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay after a provider error; doubled per consecutive failure up to <see cref="MaxFailureBackoff"/> (upstream: a fixed 5 s).</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between retries after repeated provider errors.</summary>
    public TimeSpan MaxFailureBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many times an operation (create, power, reboot, reconfigure, revert, image prepare) is tried for one spec
    /// generation (one reboot request) before it is given up with <c>BackoffLimitExceeded</c>. Provider outages
    /// (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED) do not count: they are retried with back-off until the
    /// provider answers.
    /// </summary>
    public int MaxOperationAttempts { get; init; } = 5;

    /// <summary>The first delay before retrying a provider delete that failed (upstream: a fixed 15 s); doubled per failure up to <see cref="MaxFailureBackoff"/>.</summary>
    public TimeSpan DeleteRetryInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The first delay while a powered-on VM has no IP yet; doubled per look up to <see cref="MaxIpPollInterval"/>.</summary>
    public TimeSpan IpPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between looks for the IPs of a powered-on VM (upstream polled every 10 s forever).</summary>
    public TimeSpan MaxIpPollInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The shutdown timeout when <c>spec.lifecycle.gracefulShutdownTimeout</c> is unset (the CRD default, 60 s).</summary>
    public TimeSpan DefaultGracefulShutdownTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an image prepare may run when <c>VMImage.spec.prepare.timeout</c> is unset (the CRD default, 30 min).</summary>
    public TimeSpan DefaultImagePrepareTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is zero or negative, or a maximum is below its base.</exception>
    public VirtualMachineReconcilerOptions Validate()
    {
        Positive(TaskPollInterval, nameof(TaskPollInterval));
        Positive(TaskWatchResyncInterval, nameof(TaskWatchResyncInterval));
        Positive(DependencyRetryInterval, nameof(DependencyRetryInterval));
        Positive(FailureBackoff, nameof(FailureBackoff));
        Positive(DeleteRetryInterval, nameof(DeleteRetryInterval));
        Positive(IpPollInterval, nameof(IpPollInterval));
        Positive(DefaultGracefulShutdownTimeout, nameof(DefaultGracefulShutdownTimeout));
        Positive(DefaultImagePrepareTimeout, nameof(DefaultImagePrepareTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTaskWatchesPerProvider, 0, nameof(MaxTaskWatchesPerProvider));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOperationAttempts, 1, nameof(MaxOperationAttempts));
        if (MaxFailureBackoff < FailureBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFailureBackoff), MaxFailureBackoff, $"must be at least {nameof(FailureBackoff)} ({FailureBackoff})");
        }

        if (MaxFailureBackoff < DeleteRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFailureBackoff), MaxFailureBackoff, $"must be at least {nameof(DeleteRetryInterval)} ({DeleteRetryInterval})");
        }

        if (MaxIpPollInterval < IpPollInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIpPollInterval), MaxIpPollInterval, $"must be at least {nameof(IpPollInterval)} ({IpPollInterval})");
        }

        return this;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
        }
    }
}
