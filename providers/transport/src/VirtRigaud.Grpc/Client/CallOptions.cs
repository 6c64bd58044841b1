namespace VirtRigaud.Grpc;

/// <summary>
/// Per-call settings.
/// </summary>
/// <param name="Headers">Request metadata. Reserved transport headers (<c>grpc-*</c>, <c>content-type</c>, <c>te</c>,
/// <c>user-agent</c>, …) are not sent; <c>-bin</c> entries go out as unpadded base64.</param>
/// <param name="Deadline">When the call must be over (any offset; compared in UTC). The server receives it as
/// <c>grpc-timeout</c>, and the client ends the call with DEADLINE_EXCEEDED when it passes even if the server never
/// answers. <c>null</c> = no deadline.</param>
/// <param name="CancellationToken">Cancelling it ends the call with CANCELLED and resets the HTTP/2 stream.</param>
/// <param name="WaitForReady">When the connection cannot be established, keep trying until the deadline or
/// cancellation instead of failing with UNAVAILABLE at once.</param>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTimeOffset? Deadline = null,
    CancellationToken CancellationToken = default,
    bool WaitForReady = false)
{
    /// <summary>These options with a deadline <paramref name="timeout"/> from now.</summary>
    public CallOptions WithDeadline(TimeSpan timeout, TimeProvider? timeProvider = null) =>
        this with { Deadline = (timeProvider ?? TimeProvider.System).GetUtcNow() + timeout };
}
