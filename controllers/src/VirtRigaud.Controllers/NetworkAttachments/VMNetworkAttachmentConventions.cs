namespace VirtRigaud.Controllers.NetworkAttachments;

/// <summary>The VMNetworkAttachment status contract: condition types (upstream's declared Ready, Validated), reasons and provider states.</summary>
public static class VMNetworkAttachmentConventions
{
    /// <summary>Condition: the network can be used on at least one Provider.</summary>
    public const string ConditionReady = "Ready";

    /// <summary>Condition: the network was checked against every Provider in scope.</summary>
    public const string ConditionValidated = "Validated";

    /// <summary>Reason: usable on at least one Provider (Ready) / on every Provider checked (Validated).</summary>
    public const string ReasonAvailable = "Available";

    /// <summary>Reason: some Provider cannot use it; the message names the Provider and the field.</summary>
    public const string ReasonUnsupported = "Unsupported";

    /// <summary>Reason: no Provider is in scope (none in the namespace, no VM using it elsewhere).</summary>
    public const string ReasonNoProviders = "NoProviders";

    /// <summary><c>providerStatus[*].state</c> of a usable network.</summary>
    public const string StateAvailable = "available";

    /// <summary><c>providerStatus[*].state</c> of a network the Provider cannot use.</summary>
    public const string StateUnsupported = "unsupported";
}
