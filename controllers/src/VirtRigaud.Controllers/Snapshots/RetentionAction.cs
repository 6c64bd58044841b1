namespace VirtRigaud.Controllers.Snapshots;

/// <summary>What the retention policy asks for a created snapshot.</summary>
public enum RetentionAction
{
    /// <summary>Keep it (phase Ready); come back at <see cref="RetentionDecision.NextCheck"/>, if any.</summary>
    Keep,

    /// <summary>It expired (phase Expired); delete it at <see cref="RetentionDecision.DeleteAt"/>, when the grace period ends.</summary>
    Expire,

    /// <summary>Delete the VMSnapshot now (its finalizer deletes the provider snapshot).</summary>
    Delete,

    /// <summary>Its VM is gone, and the snapshot with it, but the policy keeps the object (phase Expired, not deleted).</summary>
    Orphaned,
}
