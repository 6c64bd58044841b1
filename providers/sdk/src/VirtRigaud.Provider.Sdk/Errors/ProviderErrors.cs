using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Sdk.Errors;

/// <summary>
/// Factories for the failures a provider reports, one per status code the contract uses. Each returns a
/// <see cref="ProviderException"/> to <c>throw</c>; <see cref="ProviderErrorInterceptor"/> maps it to the call's
/// status. Messages are sent to the caller: never put a secret in one (see <see cref="ProviderException"/>).
/// <code>
/// helper               code                 caller's reading (ProviderRpcErrors)   upstream SDK helper
/// NotFound             NOT_FOUND            not found                              NewNotFound
/// InvalidArgument      INVALID_ARGUMENT     invalid spec, do not retry             NewInvalidSpec
/// FailedPrecondition   FAILED_PRECONDITION  state forbids it now                   —
/// AlreadyExists        ALREADY_EXISTS       name taken with other parameters       NewAlreadyExists
/// Unavailable          UNAVAILABLE          transient, retry with back-off         NewUnavailable
/// Unimplemented        UNIMPLEMENTED        feature not offered                    NewUnimplemented
/// ResourceExhausted    RESOURCE_EXHAUSTED   quota/rate limit, retry after          NewRateLimit
/// DeadlineExceeded     DEADLINE_EXCEEDED    hypervisor operation timed out         NewTimeout
/// Aborted              ABORTED              concurrent change, retry               —
/// PermissionDenied     PERMISSION_DENIED    hypervisor refused the credentials     NewPermissionDenied
/// Internal             INTERNAL             provider bug                           NewInternal
/// </code>
/// Pure functions; thread-safe.
/// </summary>
public static class ProviderErrors
{
    /// <summary>NOT_FOUND with a free-form message.</summary>
    public static ProviderException NotFound(string message, Exception? cause = null) => new(StatusCode.NotFound, message, cause);

    /// <summary>NOT_FOUND as upstream words it: <c>vm "web-1" not found</c>.</summary>
    public static ProviderException NotFound(string resource, string id) => new(StatusCode.NotFound, $"{resource} \"{id}\" not found");

    /// <summary>INVALID_ARGUMENT: the request cannot succeed as sent (empty name, unparsable JSON, unsupported type).</summary>
    public static ProviderException InvalidArgument(string message, Exception? cause = null) => new(StatusCode.InvalidArgument, message, cause);

    /// <summary>FAILED_PRECONDITION: the request is valid but the current state forbids it (VM running, linked clones depend on it).</summary>
    public static ProviderException FailedPrecondition(string message, Exception? cause = null) => new(StatusCode.FailedPrecondition, message, cause);

    /// <summary>ALREADY_EXISTS as upstream words it: <c>snapshot "s1" already exists</c>. Idempotent repeats must answer OK instead.</summary>
    public static ProviderException AlreadyExists(string resource, string id) => new(StatusCode.AlreadyExists, $"{resource} \"{id}\" already exists");

    /// <summary>UNAVAILABLE: the hypervisor cannot be reached right now; <paramref name="cause"/> stays in the log.</summary>
    public static ProviderException Unavailable(string message, Exception? cause = null, TimeSpan? retryAfter = null) =>
        new(StatusCode.Unavailable, message, cause, retryAfter);

    /// <summary>UNIMPLEMENTED: the provider does not offer <paramref name="feature"/> (see GetCapabilities).</summary>
    public static ProviderException Unimplemented(string feature) => new(StatusCode.Unimplemented, $"{feature} is not supported by this provider");

    /// <summary>RESOURCE_EXHAUSTED: out of capacity or quota; the caller should wait <paramref name="retryAfter"/> when given.</summary>
    public static ProviderException ResourceExhausted(string message, TimeSpan? retryAfter = null, Exception? cause = null) =>
        new(StatusCode.ResourceExhausted, message, cause, retryAfter);

    /// <summary>RESOURCE_EXHAUSTED for a hypervisor rate limit, as upstream words it (<c>rate limit exceeded</c>).</summary>
    public static ProviderException RateLimited(TimeSpan retryAfter) => new(StatusCode.ResourceExhausted, "rate limit exceeded", retryAfter: retryAfter);

    /// <summary>DEADLINE_EXCEEDED for a hypervisor operation that ran out of time (not the caller's deadline, which the transport reports).</summary>
    public static ProviderException DeadlineExceeded(string message, Exception? cause = null) => new(StatusCode.DeadlineExceeded, message, cause);

    /// <summary>ABORTED: a concurrent change on the same object won; the caller retries.</summary>
    public static ProviderException Aborted(string message, Exception? cause = null) => new(StatusCode.Aborted, message, cause);

    /// <summary>PERMISSION_DENIED: the hypervisor refused the provider's credentials for this operation.</summary>
    public static ProviderException PermissionDenied(string message, Exception? cause = null) => new(StatusCode.PermissionDenied, message, cause);

    /// <summary>INTERNAL with a message the provider chose to share; unexpected exceptions get a generic one from the interceptor.</summary>
    public static ProviderException Internal(string message, Exception? cause = null) => new(StatusCode.Internal, message, cause);
}
