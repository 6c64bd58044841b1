namespace VirtRigaud.Client.LeaderElection;

/// <summary>
/// Settings and callbacks of a <see cref="LeaderElector"/> (client-go's <c>LeaderElectionConfig</c>); the durations
/// default to client-go's (15 s / 10 s / 2 s). Immutable; <see cref="Validate"/> runs when the elector starts.
/// </summary>
public sealed record LeaderElectorOptions
{
    /// <summary>client-go's <c>JitterFactor</c>: the acquire loop waits between 1 and 2.2 retry periods.</summary>
    public const double JitterFactor = 1.2;

    /// <summary>This candidate's unique identity (client-go convention: hostname plus a random suffix).</summary>
    public required string Identity { get; init; }

    /// <summary>
    /// How long a non-leader waits, after it last saw the record change, before it may take over; also the duration
    /// written into the record.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failing renewal before it gives up leadership.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The interval between tries (acquire and renew).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When leading ends (cancellation of <see cref="LeaderElector.RunAsync"/>, a lost renewal, or the work returning),
    /// give the lock up (empty holder, 1 s duration) once the leading work has returned, so the next candidate need not
    /// wait for the lease to expire. Only safe when the work really stops on its token, which the elector awaits.
    /// </summary>
    public bool ReleaseOnCancel { get; init; }

    /// <summary>A name for logs.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// Runs while this candidate leads; its token is cancelled when leadership ends (lost, or the elector is
    /// cancelled). The elector waits for it to return before it releases the lock or calls
    /// <see cref="OnStoppedLeading"/>, so it must honour the token.
    /// </summary>
    public required Func<CancellationToken, Task> OnStartedLeading { get; init; }

    /// <summary>Called once after leading ended (not when this candidate never led).</summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>Called with the identity of each new leader observed (including this candidate), in order, off the election loop.</summary>
    public Action<string>? OnNewLeader { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> for settings that cannot work (client-go's rules).</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Identity, nameof(Identity));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseDuration, TimeSpan.FromSeconds(1), nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RenewDeadline, TimeSpan.Zero, nameof(RenewDeadline));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryPeriod, TimeSpan.Zero, nameof(RetryPeriod));
        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException("LeaseDuration must be greater than RenewDeadline", nameof(LeaseDuration));
        }

        if (RenewDeadline <= RetryPeriod * JitterFactor)
        {
            throw new ArgumentException($"RenewDeadline must be greater than RetryPeriod*JitterFactor ({JitterFactor})", nameof(RenewDeadline));
        }
    }
}
