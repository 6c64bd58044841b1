namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// The observable contract of the VirtualMachine controller: finalizer, annotations, labels, condition types, reasons
/// and event reasons. Upstream's names where upstream has them (API-REFERENCE §1.0, §3.2); ours are marked as
/// additions. Changing any of these breaks users' alerts and scripts.
/// </summary>
/// <remarks>
/// What a condition says while a provider task runs tells the controller, after a restart, what the task in
/// <c>status.lastTaskRef</c> is for:
/// <code>
/// condition (status True)                      task in lastTaskRef
/// Provisioning / Creating                      Create
/// Reconfiguring / ShuttingDown                 Power(ShutdownGraceful); its start is the condition's lastTransitionTime
/// Reconfiguring / Rebooting                    Power(Reboot)
/// Reconfiguring / RevertingSnapshot            SnapshotRevert
/// Reconfiguring / Updating                     Power(On|Off)   (status.reconfigureTaskRef: Reconfigure)
/// Deleting / TaskInProgress                    Delete
/// </code>
/// </remarks>
public static class VirtualMachineConventions
{
    /// <summary>The finalizer that keeps a VirtualMachine until its provider VM is deleted.</summary>
    public const string Finalizer = "virtualmachine.infra.virtrigaud.io/finalizer";

    /// <summary>Annotation: <c>"true"</c> lets deletion proceed when the provider refuses or cannot be reached (may orphan the VM).</summary>
    public const string ForceDeleteAnnotation = "virtrigaud.io/force-delete";

    /// <summary>Label: <c>"true"</c> marks a VM adopted from the hypervisor (or bound by a clone); it is never created by the controller.</summary>
    public const string AdoptedLabel = "virtrigaud.io/adopted";

    /// <summary>
    /// Annotation set by the API server's <c>power</c> subresource for <c>Reboot</c> (apiserver/docs/subresources.md):
    /// the request time, RFC 3339. Each new value is one reboot.
    /// </summary>
    public const string RebootRequestedAtAnnotation = "virtrigaud.io/reboot-requested-at";

    /// <summary>
    /// Annotation (addition), written by the controller: the <see cref="RebootRequestedAtAnnotation"/> value it has
    /// carried out (or given up on), so a value is acted on once, across restarts and resyncs.
    /// </summary>
    public const string RebootHandledAtAnnotation = "virtrigaud.io/reboot-handled-at";

    /// <summary>
    /// Annotation (addition), written by the controller: the VMSnapshot name of the last <c>spec.snapshot.revertToRef</c>
    /// it carried out (or gave up on). Removed when <c>revertToRef</c> is cleared, so the same snapshot can be reverted
    /// to again by clearing and setting the field.
    /// </summary>
    public const string RevertedToSnapshotAnnotation = "virtrigaud.io/reverted-to-snapshot";

    /// <summary>Condition: the VM exists and matches its spec.</summary>
    public const string ConditionReady = "Ready";

    /// <summary>Condition: creation (or image preparation for it) is under way.</summary>
    public const string ConditionProvisioning = "Provisioning";

    /// <summary>Condition: a power, snapshot or resource change is under way.</summary>
    public const string ConditionReconfiguring = "Reconfiguring";

    /// <summary>Condition: the VM is being deleted.</summary>
    public const string ConditionDeleting = "Deleting";

    /// <summary>Condition (addition): a CPU, memory or disk change needs the VM powered off; True while the controller power-cycles it.</summary>
    public const string ConditionRestartRequired = "RestartRequired";

    /// <summary>Condition (addition): the last <c>spec.snapshot.revertToRef</c> revert (True once done).</summary>
    public const string ConditionSnapshotReverted = "SnapshotReverted";

    /// <summary>
    /// Condition (addition; the type upstream declares on VMClass): False while the spec sets fields that are accepted
    /// but not carried out (the message names them); absent otherwise. It does not hold the VM back.
    /// </summary>
    public const string ConditionSupported = "Supported";

    /// <summary>Condition (addition): the last reboot requested through the <c>power</c> subresource (True once done).</summary>
    public const string ConditionRebooted = "Rebooted";

    /// <summary>Reason: steady state reached.</summary>
    public const string ReasonReconcileSuccess = "ReconcileSuccess";

    /// <summary>Reason: a Provider, VMClass, VMImage, VMNetworkAttachment, VMSnapshot or Secret is missing or not usable yet.</summary>
    public const string ReasonWaitingForDependencies = "WaitingForDependencies";

    /// <summary>Reason: the provider answered with an error or could not be reached.</summary>
    public const string ReasonProviderError = "ProviderError";

    /// <summary>Reason: the spec cannot be carried out as written (the message names the field); nothing is retried until it changes.</summary>
    public const string ReasonValidationError = "ValidationError";

    /// <summary>Reason: a Create was sent (or is about to be), a task may be running.</summary>
    public const string ReasonCreating = "Creating";

    /// <summary>Reason: a power on/off or reconfigure is running.</summary>
    public const string ReasonUpdating = "Updating";

    /// <summary>Reason: deletion in progress.</summary>
    public const string ReasonDeleting = "Deleting";

    /// <summary>Reason: a provider task is in flight.</summary>
    public const string ReasonTaskInProgress = "TaskInProgress";

    /// <summary>Reason (addition): a provider task ended with an error; the reference was cleared and the operation is retried with back-off.</summary>
    public const string ReasonTaskFailed = "TaskFailed";

    /// <summary>Reason (addition), as a Job's: an operation failed <see cref="VirtualMachineReconcilerOptions.MaxOperationAttempts"/> times and is not retried until the spec (or the request) changes.</summary>
    public const string ReasonBackoffLimitExceeded = "BackoffLimitExceeded";

    /// <summary>Reason (addition): the guest is asked to shut down; a hard power-off follows after <c>lifecycle.gracefulShutdownTimeout</c>.</summary>
    public const string ReasonShuttingDown = "ShuttingDown";

    /// <summary>Reason (addition): a requested reboot is running.</summary>
    public const string ReasonRebooting = "Rebooting";

    /// <summary>Reason (addition): the requested reboot finished.</summary>
    public const string ReasonRebootCompleted = "RebootCompleted";

    /// <summary>Reason (addition): a reboot was requested while the VM was powered off; nothing to reboot.</summary>
    public const string ReasonRebootSkipped = "RebootSkipped";

    /// <summary>Reason (addition): a snapshot revert is running.</summary>
    public const string ReasonRevertingSnapshot = "RevertingSnapshot";

    /// <summary>Reason (addition): the requested snapshot revert finished.</summary>
    public const string ReasonRevertCompleted = "RevertCompleted";

    /// <summary>Reason (addition): the VMSnapshot named by <c>revertToRef</c> is missing, not Ready, or of another VM.</summary>
    public const string ReasonWaitingForSnapshot = "WaitingForSnapshot";

    /// <summary>Reason (addition): the change is being applied by powering the VM off and on again.</summary>
    public const string ReasonPowerCycle = "PowerCycle";

    /// <summary>Reason (addition): fields of the spec are accepted but not carried out (see <see cref="ConditionSupported"/>).</summary>
    public const string ReasonNotImplemented = "NotImplemented";

    /// <summary>Reason (addition): the provider does not implement what the spec asks for.</summary>
    public const string ReasonUnsupported = "UnsupportedByProvider";

    /// <summary>Reason for VMImage conditions: prepared on a provider (upstream's).</summary>
    public const string ReasonPrepared = "Prepared";

    /// <summary>Reason for VMImage/VM conditions: <c>onMissing: Fail</c> and the image is not on the provider (upstream's).</summary>
    public const string ReasonMissingOnProvider = "MissingOnProvider";

    /// <summary>Reason for VMImage/VM conditions: <c>onMissing: Wait</c> (upstream's).</summary>
    public const string ReasonWaitingForImage = "WaitingForImage";

    /// <summary>Reason for VMImage conditions: an import is running (upstream's).</summary>
    public const string ReasonImporting = "Importing";

    /// <summary>VMImage condition type of an import (upstream's).</summary>
    public const string ConditionImporting = "Importing";
}
