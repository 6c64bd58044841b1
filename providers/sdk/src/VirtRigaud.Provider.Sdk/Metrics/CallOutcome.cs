using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Sdk.Metrics;

/// <summary>
/// The status code a call ends with, as seen from an interceptor, and its name as the upstream manager's metrics
/// spell it (Go's <c>codes.Code.String()</c>: <c>OK</c>, <c>Canceled</c>, <c>DeadlineExceeded</c>, …). Pure.
/// </summary>
internal static class CallOutcome
{
    /// <summary>
    /// The code of a call whose inner pipeline returned (<paramref name="exception"/> null) or threw. The transport's
    /// outcome wins, as the transport reports it: a passed deadline is DEADLINE_EXCEEDED, a client reset CANCELLED.
    /// </summary>
    public static StatusCode Code(ServerCallContext context, Exception? exception, DateTimeOffset now)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            if (context.Deadline is { } deadline && now >= deadline)
            {
                return StatusCode.DeadlineExceeded;
            }

            if (context.HttpContext?.RequestAborted.IsCancellationRequested == true)
            {
                return StatusCode.Cancelled;
            }
        }

        return exception switch
        {
            null => context.Status.Code,
            RpcException rpc => rpc.StatusCode,

            // The call's token fired without deadline or reset: the server is stopping (the transport says UNAVAILABLE).
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
    }

    /// <summary>Go's name of <paramref name="code"/>.</summary>
    public static string GoName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "Canceled",
        StatusCode.Unknown => "Unknown",
        StatusCode.InvalidArgument => "InvalidArgument",
        StatusCode.DeadlineExceeded => "DeadlineExceeded",
        StatusCode.NotFound => "NotFound",
        StatusCode.AlreadyExists => "AlreadyExists",
        StatusCode.PermissionDenied => "PermissionDenied",
        StatusCode.ResourceExhausted => "ResourceExhausted",
        StatusCode.FailedPrecondition => "FailedPrecondition",
        StatusCode.Aborted => "Aborted",
        StatusCode.OutOfRange => "OutOfRange",
        StatusCode.Unimplemented => "Unimplemented",
        StatusCode.Internal => "Internal",
        StatusCode.Unavailable => "Unavailable",
        StatusCode.DataLoss => "DataLoss",
        StatusCode.Unauthenticated => "Unauthenticated",
        _ => "Code(" + ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
    };
}
