using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Sdk.Errors;

/// <summary>
/// A domain failure a provider reports to its caller: a gRPC status code and a message that is sent to the manager as
/// <c>grpc-message</c>. Create it with the <see cref="ProviderErrors"/> helpers and throw it from a handler or a task;
/// <see cref="ProviderErrorInterceptor"/> turns it into the call's status.
/// </summary>
/// <remarks>
/// The message crosses the wire and lands in Kubernetes conditions and events: it must never contain a secret
/// (credentials, user data). Put diagnostic details in <see cref="Exception.InnerException"/>, which stays in the
/// provider's log (at Debug level) and is never sent.
/// </remarks>
public sealed class ProviderException : Exception
{
    public ProviderException()
        : this(StatusCode.Unknown, "provider error")
    {
    }

    public ProviderException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : this(StatusCode.Unknown, message, innerException)
    {
    }

    /// <summary>A failure with <paramref name="code"/> (not OK) and a caller-facing <paramref name="message"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is OK.</exception>
    public ProviderException(StatusCode code, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        if (code == StatusCode.OK)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "A provider error cannot have status OK.");
        }

        if (retryAfter is { } delay && delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retryAfter), retryAfter, "A retry delay cannot be negative.");
        }

        Code = code;
        RetryAfter = retryAfter;
    }

    /// <summary>The status code the call ends with.</summary>
    public StatusCode Code { get; }

    /// <summary>
    /// How long the caller should wait before retrying (RESOURCE_EXHAUSTED rate limits, UNAVAILABLE maintenance), or
    /// <c>null</c>. Sent as the <c>retry-after</c> trailer (whole seconds, rounded up) and as a
    /// <c>google.rpc.RetryInfo</c> detail in <c>grpc-status-details-bin</c>.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether a caller may usefully retry the same call (UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ABORTED), as upstream's SDK classifies it.</summary>
    public bool IsRetryable => Code is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded or StatusCode.Aborted;
}
