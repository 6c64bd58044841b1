using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.Snapshots;

/// <summary>
/// The retention policy of a created VMSnapshot (upstream acted on maxAge and deleteOnVMDelete only):
/// <code>
/// rule (in this order)                                   outcome
/// metadata.pinned and retentionPolicy.preservePinned     never deleted automatically (Orphaned if the VM is gone)
/// VM deleted (or being deleted)                          deleteOnVMDelete (default true): Delete now — the provider
///                                                        snapshots went with the VM, so there is no grace;
///                                                        false: Orphaned (phase Expired, object kept)
/// maxAge elapsed since status.creationTime               Expire at creationTime + maxAge
/// maxCount: ≥ maxCount newer retained snapshots of       Expire when first seen
///   the same VM (Ready or Expired, not pinned, not
///   being deleted; newer = later creationTime, then name)
/// expired and expiry + gracePeriod (default 24h) passed  Delete
/// </code>
/// An expired snapshot whose rule no longer holds (pinned during its grace period, maxCount raised, a newer sibling
/// deleted) returns to Keep. Each snapshot applies its own policy: with the same maxCount on every snapshot of a VM
/// (the usual case) the newest maxCount are kept. Pure and thread-safe.
/// </summary>
public static class SnapshotRetention
{
    /// <summary>The API default of <c>retentionPolicy.gracePeriod</c>.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromHours(24);

    /// <summary>Decides for <paramref name="snapshot"/> (created: it has a snapshot id) at <paramref name="now"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="vmGone">Its VirtualMachine no longer exists or is being deleted.</param>
    /// <param name="siblings">The other VMSnapshots of the same VM.</param>
    /// <param name="now">The current time.</param>
    public static RetentionDecision Decide(VMSnapshot snapshot, bool vmGone, IEnumerable<VMSnapshot> siblings, DateTimeOffset now)
    {
        var policy = snapshot.Spec.RetentionPolicy;
        var vm = snapshot.Spec.VMRef.Name;
        if (vmGone)
        {
            if (IsPinProtected(snapshot))
            {
                return new RetentionDecision { Action = RetentionAction.Orphaned, Message = $"VirtualMachine {vm} was deleted and the provider snapshot with it; the VMSnapshot is pinned, so it is kept" };
            }

            return policy?.DeleteOnVMDelete ?? true
                ? new RetentionDecision { Action = RetentionAction.Delete, Message = $"VirtualMachine {vm} was deleted and the provider snapshot with it (retentionPolicy.deleteOnVMDelete)" }
                : new RetentionDecision { Action = RetentionAction.Orphaned, Message = $"VirtualMachine {vm} was deleted and the provider snapshot with it; retentionPolicy.deleteOnVMDelete is false, so the VMSnapshot is kept" };
        }

        if (IsPinProtected(snapshot) || policy is null)
        {
            return new RetentionDecision { Action = RetentionAction.Keep };
        }

        var created = CreatedAt(snapshot);
        DateTimeOffset? ageExpiry = policy.MaxAge is { } maxAge ? created + maxAge.Value : null;
        DateTimeOffset? expiredAt = null;
        string? reason = null;
        if (ageExpiry is { } ageAt && ageAt <= now)
        {
            expiredAt = ageAt;
            reason = $"older than retentionPolicy.maxAge {policy.MaxAge}";
        }

        if (policy.MaxCount is { } maxCount)
        {
            var newer = siblings.Count(s => IsRetained(s) && IsNewer(s, snapshot));
            if (newer >= maxCount)
            {
                // The moment of a count expiry is not derivable from the objects; the status remembers it.
                var countAt = snapshot.Status is { Phase: SnapshotPhase.Expired, ExpiryTime: { } previous } && previous <= now ? previous : now;
                if (expiredAt is null || countAt < expiredAt)
                {
                    expiredAt = countAt;
                }

                var count = $"{newer} newer snapshots of VirtualMachine {vm} exist (retentionPolicy.maxCount {maxCount})";
                reason = reason is null ? count : reason + "; " + count;
            }
        }

        if (expiredAt is not { } expired)
        {
            return new RetentionDecision { Action = RetentionAction.Keep, ExpiryTime = ageExpiry, NextCheck = ageExpiry };
        }

        var grace = policy.GracePeriod?.Value ?? DefaultGracePeriod;
        var deleteAt = expired + (grace < TimeSpan.Zero ? TimeSpan.Zero : grace);
        return deleteAt <= now
            ? new RetentionDecision { Action = RetentionAction.Delete, ExpiryTime = expired, Message = $"expired: {reason}; grace period {policy.GracePeriod?.ToString() ?? "24h"} over" }
            : new RetentionDecision { Action = RetentionAction.Expire, ExpiryTime = expired, DeleteAt = deleteAt, NextCheck = deleteAt, Message = $"expired: {reason}; deleted at {deleteAt:u} unless pinned first (retentionPolicy.gracePeriod {policy.GracePeriod?.ToString() ?? "24h"})" };
    }

    /// <summary>Pinned and the policy preserves pinned snapshots (the default).</summary>
    public static bool IsPinProtected(VMSnapshot snapshot) =>
        snapshot.Spec.Metadata?.Pinned == true && (snapshot.Spec.RetentionPolicy?.PreservePinned ?? true);

    /// <summary>When the snapshot was taken: status.creationTime, else the object's creation.</summary>
    public static DateTimeOffset CreatedAt(VMSnapshot snapshot) =>
        snapshot.Status?.CreationTime ?? snapshot.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;

    private static bool IsRetained(VMSnapshot s) =>
        s.Metadata.DeletionTimestamp is null
        && !string.IsNullOrEmpty(s.Status?.SnapshotID)
        && s.Status.Phase is SnapshotPhase.Ready or SnapshotPhase.Expired
        && !IsPinProtected(s);

    private static bool IsNewer(VMSnapshot candidate, VMSnapshot than)
    {
        var order = CreatedAt(candidate).CompareTo(CreatedAt(than));
        return order > 0 || (order == 0 && string.CompareOrdinal(candidate.Metadata.Name, than.Metadata.Name) > 0);
    }
}
