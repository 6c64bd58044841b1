namespace VirtRigaud.Controllers.Classes;

/// <summary>The VMClass status contract: condition types (upstream's declared Ready, Validated, Supported), reasons and events.</summary>
public static class VMClassConventions
{
    /// <summary>Condition: the class can be used (no Provider that was checked refuses all of it).</summary>
    public const string ConditionReady = "Ready";

    /// <summary>Condition: the class was checked against every Provider that reported capabilities.</summary>
    public const string ConditionValidated = "Validated";

    /// <summary>Condition: at least one Provider supports the class.</summary>
    public const string ConditionSupported = "Supported";

    /// <summary>Reason: valid on every Provider checked.</summary>
    public const string ReasonValid = "Valid";

    /// <summary>Reason: invalid on some Provider; the message names the Provider and the field.</summary>
    public const string ReasonInvalid = "Invalid";

    /// <summary>Reason: supported by at least one Provider.</summary>
    public const string ReasonSupported = "Supported";

    /// <summary>Reason: no Provider that was checked supports the class.</summary>
    public const string ReasonUnsupported = "Unsupported";

    /// <summary>Reason: no Provider has reported its capabilities yet (or none is in scope).</summary>
    public const string ReasonCapabilitiesUnknown = "CapabilitiesUnknown";

    /// <summary>Event: the class became invalid on a Provider.</summary>
    public const string EventValidationFailed = "ValidationFailed";
}
