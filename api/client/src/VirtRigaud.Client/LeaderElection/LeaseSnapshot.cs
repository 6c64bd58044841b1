namespace VirtRigaud.Client.LeaderElection;

/// <summary>A <see cref="LeaderElectionRecord"/> as read from (or written to) a store, with the version that guards the next write.</summary>
public sealed record LeaseSnapshot
{
    /// <summary>The record.</summary>
    public required LeaderElectionRecord Record { get; init; }

    /// <summary>The store's optimistic-concurrency token (a Lease's <c>metadata.resourceVersion</c>).</summary>
    public required string ResourceVersion { get; init; }
}
