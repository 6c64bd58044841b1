namespace VirtRigaud.Controllers.Runtime;

/// <summary>Settings of a <see cref="ControllerManager"/>. Immutable; checked by <see cref="Validate"/> at start.</summary>
public sealed record ControllerManagerOptions
{
    /// <summary>The default resync of primary objects: slow drift detection instead of upstream's 10-second polling.</summary>
    public static readonly TimeSpan DefaultResyncPeriod = TimeSpan.FromMinutes(10);

    /// <summary>How long shutdown waits for in-flight reconciles by default.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The namespace watched; null or empty watches all namespaces (flag <c>--namespace</c>).</summary>
    public string? Namespace { get; init; }

    /// <summary>Workers per controller name (e.g. <c>VirtualMachine=10</c>), overriding each controller's default.</summary>
    public IReadOnlyDictionary<string, int>? Workers { get; init; }

    /// <summary>How often every cached primary object is re-delivered to its controller; zero turns resyncs off.</summary>
    public TimeSpan ResyncPeriod { get; init; } = DefaultResyncPeriod;

    /// <summary>Leader election; null runs the controllers at once (flag <c>--leader-elect</c> off).</summary>
    public LeaderElectionSettings? LeaderElection { get; init; }

    /// <summary>The event source component.</summary>
    public string EventComponent { get; init; } = "virtrigaud-manager";

    /// <summary>How long shutdown waits for in-flight reconciles before giving up on them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = DefaultShutdownTimeout;

    /// <summary>Throws when a setting cannot work.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (ResyncPeriod < TimeSpan.Zero)
        {
            throw new ArgumentException($"the resync period must not be negative (got {ResyncPeriod})", nameof(ResyncPeriod));
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the shutdown timeout must be positive (got {ShutdownTimeout})", nameof(ShutdownTimeout));
        }

        foreach (var (name, workers) in Workers ?? new Dictionary<string, int>())
        {
            if (workers < 1)
            {
                throw new ArgumentException($"workers for {name} must be at least 1 (got {workers})", nameof(Workers));
            }
        }

        if (string.IsNullOrWhiteSpace(EventComponent))
        {
            throw new ArgumentException("the event component must not be empty", nameof(EventComponent));
        }
    }
}
