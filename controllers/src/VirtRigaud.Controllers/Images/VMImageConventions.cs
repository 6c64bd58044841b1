namespace VirtRigaud.Controllers.Images;

/// <summary>
/// The part of the VMImage status this controller owns: the <c>Validated</c> condition (can every Provider that a
/// VirtualMachine uses the image on actually use it?), observedGeneration, and the phase before anything was prepared.
/// Prepare results (providerStatus, availableOn, ready, prepareTaskRef, lastPrepareTime, the Ready/Importing
/// conditions, prepare phases) are written by the VirtualMachine controller.
/// </summary>
public static class VMImageConventions
{
    /// <summary>Condition (upstream's declared type): usability on the Providers VMs use the image on.</summary>
    public const string ConditionValidated = "Validated";

    /// <summary>Reason: usable on every Provider in use (or none uses it yet).</summary>
    public const string ReasonValid = "Valid";

    /// <summary>Reason: some Provider in use cannot use the image; the message names it and why.</summary>
    public const string ReasonUnsupported = "Unsupported";

    /// <summary>Reason: the spec names no image source.</summary>
    public const string ReasonInvalid = "Invalid";
}
