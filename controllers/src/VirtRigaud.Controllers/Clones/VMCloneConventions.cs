namespace VirtRigaud.Controllers.Clones;

/// <summary>
/// The observable contract of the VMClone controller: finalizer, labels and annotations on the target VM, condition
/// types, reasons and event reasons. Upstream's names (API-REFERENCE §1.8, §3.4) where upstream has them; ours are
/// marked as additions.
/// </summary>
public static class VMCloneConventions
{
    /// <summary>The finalizer (deleting a VMClone never deletes its target VM; the finalizer is just removed).</summary>
    public const string Finalizer = "clone.infra.virtrigaud.io/finalizer";

    /// <summary>Label on the target VM: the VM controller never creates it, it waits for the clone to record its id.</summary>
    public const string AdoptedLabel = "virtrigaud.io/adopted";

    /// <summary>Annotation on the target VM: the source VM's name (provenance).</summary>
    public const string ClonedFromAnnotation = "virtrigaud.io/cloned-from";

    /// <summary>Annotation on the target VM: the VMClone's name (provenance).</summary>
    public const string CloneAnnotation = "virtrigaud.io/clone";

    /// <summary>Annotation (addition) on the target VM: the VMClone's uid, so a restarted manager recognises its own target.</summary>
    public const string CloneUidAnnotation = "virtrigaud.io/clone-uid";

    /// <summary>Condition: the clone is complete and its target VM bound.</summary>
    public const string ConditionReady = "Ready";

    /// <summary>Condition: the provider is cloning.</summary>
    public const string ConditionCloning = "Cloning";

    /// <summary>Condition: guest customization.</summary>
    public const string ConditionCustomizing = "Customizing";

    /// <summary>Condition: the clone failed terminally.</summary>
    public const string ConditionFailed = "Failed";

    /// <summary>Reason: done.</summary>
    public const string ReasonCompleted = "Completed";

    /// <summary>Reason: the provider is cloning.</summary>
    public const string ReasonCloning = "Cloning";

    /// <summary>Reason: customization is being applied.</summary>
    public const string ReasonCustomizing = "Customizing";

    /// <summary>Reason: the provider answered with an error or cannot be reached.</summary>
    public const string ReasonProviderError = "ProviderError";

    /// <summary>Reason: the source VM does not exist (yet).</summary>
    public const string ReasonSourceNotFound = "SourceNotFound";

    /// <summary>Reason: a spec field asks for something the provider contract cannot do; the message names the field.</summary>
    public const string ReasonUnsupported = "Unsupported";

    /// <summary>Reason: the provider is out of capacity (RESOURCE_EXHAUSTED).</summary>
    public const string ReasonInsufficientResources = "InsufficientResources";

    /// <summary>Reason: a Secret named by the customization is missing.</summary>
    public const string ReasonCustomizationFailed = "CustomizationFailed";

    /// <summary>Reason: the source is not a VirtualMachine.</summary>
    public const string ReasonUnsupportedSource = "UnsupportedSource";

    /// <summary>Reason: a linked clone was asked of a provider without <c>supportsLinkedClones</c>.</summary>
    public const string ReasonLinkedCloneUnsupported = "LinkedCloneUnsupported";

    /// <summary>Reason (addition): waiting for the source VM to be provisioned, its Provider, or the target VMClass.</summary>
    public const string ReasonWaitingForDependencies = "WaitingForDependencies";

    /// <summary>Reason (addition): a VirtualMachine with the target name exists and was not made by this clone.</summary>
    public const string ReasonTargetExists = "TargetExists";

    /// <summary>Reason (addition): <c>spec.options.timeout</c> passed.</summary>
    public const string ReasonTimedOut = "TimedOut";

    /// <summary>Reason (addition): waiting for the target VM to power on (<c>spec.options.powerOn</c>).</summary>
    public const string ReasonPoweringOn = "PoweringOn";

    /// <summary>Event: the Clone call was issued.</summary>
    public const string EventStarted = "CloneStarted";

    /// <summary>Event: the clone is Ready.</summary>
    public const string EventCompleted = "CloneCompleted";

    /// <summary>Event: an attempt failed (retried per <c>spec.options.retryPolicy</c>) or the clone failed.</summary>
    public const string EventFailed = "CloneFailed";

    /// <summary>Event (addition): the target VirtualMachine object was created and bound to the cloned VM.</summary>
    public const string EventTargetBound = "TargetBound";
}
