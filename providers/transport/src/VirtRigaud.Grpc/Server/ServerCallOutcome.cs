namespace VirtRigaud.Grpc;

/// <summary>The status code a call ended with, as interceptors that observe outcomes (logging, metrics) must report it.</summary>
internal static class ServerCallOutcome
{
    /// <summary>The code of a call whose inner pipeline returned normally.</summary>
    public static StatusCode Completed(ServerCallContext context) =>
        (context as HttpContextServerCallContext)?.TransportOutcome ?? context.Status.Code;

    /// <summary>The code of a call whose inner pipeline threw <paramref name="exception"/>.</summary>
    public static StatusCode Failed(ServerCallContext context, Exception exception) =>
        context is HttpContextServerCallContext call
            ? call.StatusFor(exception).Code
            : exception switch
            {
                RpcException rpc => rpc.StatusCode,
                OperationCanceledException when context.CancellationToken.IsCancellationRequested => StatusCode.Cancelled,
                _ => StatusCode.Unknown,
            };

    /// <summary>The canonical name of a code (doc/statuscodes.md), the same in every language: <c>OK</c>, <c>DEADLINE_EXCEEDED</c>…</summary>
    public static string Name(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
