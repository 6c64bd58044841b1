namespace VirtRigaud.Controllers.Snapshots;

/// <summary>
/// The observable contract of the VMSnapshot controller: finalizer, annotation, condition types, reasons and event
/// reasons. Upstream's names (API-REFERENCE §1.7, §3.3) where upstream has them; ours are marked as additions.
/// Changing any of these breaks users' alerts and scripts.
/// </summary>
public static class VMSnapshotConventions
{
    /// <summary>The finalizer that keeps a VMSnapshot until its provider snapshot is deleted.</summary>
    public const string Finalizer = "snapshot.infra.virtrigaud.io/finalizer";

    /// <summary>Annotation: <c>"true"</c> lets deletion proceed when the provider refuses or cannot be reached (the provider snapshot may remain).</summary>
    public const string ForceDeleteAnnotation = "virtrigaud.io/force-delete";

    /// <summary>Condition: the snapshot exists on the provider and can be used.</summary>
    public const string ConditionReady = "Ready";

    /// <summary>Condition: the snapshot is being taken.</summary>
    public const string ConditionCreating = "Creating";

    /// <summary>Condition: the snapshot is being deleted.</summary>
    public const string ConditionDeleting = "Deleting";

    /// <summary>Condition: the retention policy expired the snapshot; it is deleted when its grace period ends.</summary>
    public const string ConditionExpired = "Expired";

    /// <summary>Reason: the provider snapshot exists.</summary>
    public const string ReasonCreated = "Created";

    /// <summary>Reason: SnapshotCreate was issued (or is waiting for the VM).</summary>
    public const string ReasonCreating = "Creating";

    /// <summary>Reason: deletion in progress.</summary>
    public const string ReasonDeleting = "Deleting";

    /// <summary>Reason: the retention policy expired the snapshot.</summary>
    public const string ReasonExpired = "Expired";

    /// <summary>Reason: the provider answered with an error, cannot be reached, or the VM is missing.</summary>
    public const string ReasonProviderError = "ProviderError";

    /// <summary>Reason: a spec field asks for something the provider contract cannot carry; the message names the field.</summary>
    public const string ReasonUnsupported = "Unsupported";

    /// <summary>Reason: the provider's capabilities exclude what the spec asks for (snapshots, memory snapshots).</summary>
    public const string ReasonUnsupportedByProvider = "UnsupportedByProvider";

    /// <summary>Reason: the provider snapshot holds the guest memory.</summary>
    public const string ReasonMemoryIncluded = "MemoryIncluded";

    /// <summary>Reason (addition): a provider task ended with an error; the snapshot is retried a bounded number of times.</summary>
    public const string ReasonTaskFailed = "TaskFailed";

    /// <summary>Reason (addition): another VMSnapshot of the same VM already uses the provider snapshot name.</summary>
    public const string ReasonNameConflict = "NameConflict";

    /// <summary>Reason (addition): the VirtualMachine was deleted and its provider snapshots with it.</summary>
    public const string ReasonVMDeleted = "VMDeleted";

    /// <summary>Event: SnapshotCreate issued.</summary>
    public const string EventCreating = "SnapshotCreating";

    /// <summary>Event: the snapshot is ready.</summary>
    public const string EventReady = "SnapshotReady";

    /// <summary>Event: the snapshot failed (terminally, or one attempt failed and it is retried).</summary>
    public const string EventFailed = "SnapshotFailed";

    /// <summary>Event (addition): the retention policy expired the snapshot.</summary>
    public const string EventExpired = "SnapshotExpired";

    /// <summary>Event: deletion started.</summary>
    public const string EventDeleting = "SnapshotDeleting";

    /// <summary>Event: the provider snapshot is deleted and the finalizer removed.</summary>
    public const string EventDeleted = "SnapshotDeleted";

    /// <summary>Event: the provider refused or could not be reached while deleting.</summary>
    public const string EventDeleteFailed = "SnapshotDeleteFailed";
}
