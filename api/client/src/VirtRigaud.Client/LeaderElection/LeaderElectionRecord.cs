namespace VirtRigaud.Client.LeaderElection;

/// <summary>
/// The state of an election as stored in a lock (client-go's <c>resourcelock.LeaderElectionRecord</c>); for a
/// <c>coordination.k8s.io/v1</c> Lease these are <c>spec.holderIdentity</c>, <c>leaseDurationSeconds</c>,
/// <c>acquireTime</c>, <c>renewTime</c> and <c>leaseTransitions</c>. Immutable.
/// </summary>
public sealed record LeaderElectionRecord
{
    /// <summary>The current holder; empty when nobody holds the lock (after a release).</summary>
    public string HolderIdentity { get; init; } = "";

    /// <summary>How long the holder's claim lasts after <see cref="RenewTime"/>, as seen by candidates (in seconds).</summary>
    public int LeaseDurationSeconds { get; init; }

    /// <summary>When the current holder acquired the lock.</summary>
    public DateTimeOffset? AcquireTime { get; init; }

    /// <summary>When the holder last renewed its claim.</summary>
    public DateTimeOffset? RenewTime { get; init; }

    /// <summary>How many times the lock changed hands.</summary>
    public int LeaderTransitions { get; init; }
}
