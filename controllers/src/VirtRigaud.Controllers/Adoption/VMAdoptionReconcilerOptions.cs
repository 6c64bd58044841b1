namespace VirtRigaud.Controllers.Adoption;

/// <summary>Timing of VM adoption (upstream: 30 s while the Provider is not ready, at most one discovery per 5 min, again after 1 h). Validate with <see cref="Validate"/>.</summary>
public sealed record VMAdoptionReconcilerOptions
{
    /// <summary>How long to wait before looking again at a Provider that is not available.</summary>
    public TimeSpan NotReadyInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest time between two discoveries of one Provider while its annotations stay the same.</summary>
    public TimeSpan MinDiscoveryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a Provider with adoption on is discovered again (new hypervisor VMs are adopted then).</summary>
    public TimeSpan RediscoveryInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The first delay after a failed ListVMs; doubled per consecutive failure up to <see cref="RediscoveryInterval"/>.</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a status write on a new VirtualMachine that conflicts is retried with a fresh read.</summary>
    public int ConflictRetries { get; init; } = 5;

    /// <summary>Throws when a value is out of range; returns this.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is zero or negative, or the intervals are out of order.</exception>
    public VMAdoptionReconcilerOptions Validate()
    {
        Positive(NotReadyInterval, nameof(NotReadyInterval));
        Positive(FailureBackoff, nameof(FailureBackoff));
        if (MinDiscoveryInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinDiscoveryInterval), MinDiscoveryInterval, "must not be negative");
        }

        if (RediscoveryInterval < MinDiscoveryInterval || RediscoveryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RediscoveryInterval), RediscoveryInterval, $"must be positive and at least {nameof(MinDiscoveryInterval)} ({MinDiscoveryInterval})");
        }

        if (ConflictRetries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ConflictRetries), ConflictRetries, "must be at least 1");
        }

        return this;
    }

    /// <summary>The delay after the <paramref name="failures"/>-th failed discovery in a row.</summary>
    public TimeSpan Backoff(int failures)
    {
        var ticks = FailureBackoff.Ticks * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return ticks >= RediscoveryInterval.Ticks ? RediscoveryInterval : TimeSpan.FromTicks((long)ticks);
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
        }
    }
}
