namespace VirtRigaud.Controllers.Providers;

/// <summary>Upstream's breaker settings (§3.8 DefaultConfig). Immutable.</summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Consecutive counted failures that open the circuit.</summary>
    public int FailureThreshold { get; init; } = 10;

    /// <summary>How long the circuit stays open before probes are let through.</summary>
    public TimeSpan ResetTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Probe calls let through while half-open; that many successes close the circuit.</summary>
    public int HalfOpenMaxCalls { get; init; } = 3;

    /// <summary>Throws when a setting cannot work.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FailureThreshold, 1, nameof(FailureThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResetTimeout, TimeSpan.Zero, nameof(ResetTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(HalfOpenMaxCalls, 1, nameof(HalfOpenMaxCalls));
    }
}
