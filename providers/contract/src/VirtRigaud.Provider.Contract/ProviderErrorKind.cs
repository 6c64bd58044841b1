namespace VirtRigaud.Provider.Contract;

/// <summary>What a failed provider call means to its caller, as the upstream manager classifies it.</summary>
public enum ProviderErrorKind
{
    /// <summary>Anything else: a plain error.</summary>
    Other = 0,

    /// <summary>NOT_FOUND: the VM, snapshot, disk, image or task does not exist.</summary>
    NotFound,

    /// <summary>INVALID_ARGUMENT: the request (spec) is invalid; retrying the same call cannot succeed.</summary>
    InvalidSpec,

    /// <summary>UNAVAILABLE or DEADLINE_EXCEEDED: transient; retry with back-off.</summary>
    Retryable,

    /// <summary>UNIMPLEMENTED: the provider does not offer the RPC or feature.</summary>
    Unsupported,
}
