using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Contract;

/// <summary>
/// Classifies a failed provider call like the upstream manager (<c>internal/transport/grpc</c> error mapping), plus
/// UNIMPLEMENTED as <see cref="ProviderErrorKind.Unsupported"/>. Pure functions; thread-safe.
/// <code>
/// status code                      kind
/// NOT_FOUND                        NotFound
/// INVALID_ARGUMENT                 InvalidSpec
/// UNAVAILABLE, DEADLINE_EXCEEDED   Retryable
/// UNIMPLEMENTED                    Unsupported
/// anything else                    Other
/// </code>
/// </summary>
public static class ProviderRpcErrors
{
    /// <summary>The kind of a status code.</summary>
    public static ProviderErrorKind Classify(StatusCode code) => code switch
    {
        StatusCode.NotFound => ProviderErrorKind.NotFound,
        StatusCode.InvalidArgument => ProviderErrorKind.InvalidSpec,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => ProviderErrorKind.Retryable,
        StatusCode.Unimplemented => ProviderErrorKind.Unsupported,
        _ => ProviderErrorKind.Other,
    };

    /// <summary>The kind of a failed call.</summary>
    public static ProviderErrorKind Classify(RpcException exception) => Classify(exception.StatusCode);

    /// <summary>The kind of any exception a provider call may throw: an <see cref="RpcException"/> by its code, anything else <see cref="ProviderErrorKind.Other"/>.</summary>
    public static ProviderErrorKind Classify(Exception exception) =>
        exception is RpcException rpc ? Classify(rpc.StatusCode) : ProviderErrorKind.Other;

    /// <summary>Whether the call failed with NOT_FOUND.</summary>
    public static bool IsNotFound(Exception exception) => Classify(exception) == ProviderErrorKind.NotFound;

    /// <summary>Whether the call failed with INVALID_ARGUMENT.</summary>
    public static bool IsInvalidSpec(Exception exception) => Classify(exception) == ProviderErrorKind.InvalidSpec;

    /// <summary>Whether the call failed transiently (UNAVAILABLE, DEADLINE_EXCEEDED).</summary>
    public static bool IsRetryable(Exception exception) => Classify(exception) == ProviderErrorKind.Retryable;

    /// <summary>Whether the provider does not offer the RPC or feature (UNIMPLEMENTED).</summary>
    public static bool IsUnsupported(Exception exception) => Classify(exception) == ProviderErrorKind.Unsupported;
}
