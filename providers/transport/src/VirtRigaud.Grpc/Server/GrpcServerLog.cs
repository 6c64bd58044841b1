using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc;

/// <summary>Log events of the gRPC server pipeline (category <c>VirtRigaud.Grpc.Server</c>); event IDs are stable.</summary>
internal static partial class GrpcServerLog
{
    public const string Category = "VirtRigaud.Grpc.Server";

    [LoggerMessage(1, LogLevel.Error, "Error when executing service method {Method}")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Deadline of {Timeout} exceeded for {Method}")]
    public static partial void DeadlineExceeded(ILogger logger, string method, TimeSpan timeout);

    [LoggerMessage(3, LogLevel.Debug, "Ignoring malformed grpc-timeout {Timeout} of {Method}")]
    public static partial void InvalidTimeoutIgnored(ILogger logger, string method, string timeout);

    [LoggerMessage(4, LogLevel.Debug, "Rejecting {Path}: content type {ContentType} is not gRPC")]
    public static partial void UnsupportedContentType(ILogger logger, string path, string contentType);

    [LoggerMessage(5, LogLevel.Debug, "Rejecting {Path}: protocol {Protocol} is not HTTP/2")]
    public static partial void UnsupportedProtocol(ILogger logger, string path, string protocol);

    [LoggerMessage(6, LogLevel.Debug, "No handler for {Path}: {Detail}")]
    public static partial void Unimplemented(ILogger logger, string path, string detail);

    [LoggerMessage(7, LogLevel.Debug, "{Method} was cancelled by the client")]
    public static partial void CancelledByClient(ILogger logger, string method);

    [LoggerMessage(8, LogLevel.Debug, "Ignoring request header {Header} of {Method}: its value is not valid metadata")]
    public static partial void InvalidMetadataIgnored(ILogger logger, string method, string header);

    [LoggerMessage(9, LogLevel.Debug, "Could not complete {Method} after its deadline")]
    public static partial void DeadlineCompletionFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "A cancellation callback of {Method} threw")]
    public static partial void CancellationCallbackFailed(ILogger logger, string method, Exception exception);
}
