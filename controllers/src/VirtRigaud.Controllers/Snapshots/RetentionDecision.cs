namespace VirtRigaud.Controllers.Snapshots;

/// <summary>The outcome of <see cref="SnapshotRetention.Decide"/>. Immutable.</summary>
public sealed record RetentionDecision
{
    /// <summary>What to do.</summary>
    public required RetentionAction Action { get; init; }

    /// <summary>
    /// <c>status.expiryTime</c>: when the snapshot expires (Keep, with a maxAge) or expired (Expire); null when nothing
    /// will expire it.
    /// </summary>
    public DateTimeOffset? ExpiryTime { get; init; }

    /// <summary>When an expired snapshot is deleted (expiry + gracePeriod); set for <see cref="RetentionAction.Expire"/>.</summary>
    public DateTimeOffset? DeleteAt { get; init; }

    /// <summary>When the decision may change by the clock alone; null when only a change of some object can change it.</summary>
    public DateTimeOffset? NextCheck { get; init; }

    /// <summary>Why (for conditions and events); null for a plain Keep.</summary>
    public string? Message { get; init; }
}
