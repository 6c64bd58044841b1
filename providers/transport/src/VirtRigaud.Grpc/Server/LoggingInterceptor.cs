using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc;

/// <summary>
/// Logs the start (Debug) and the end of every call with its status code and duration (Information when OK, Warning
/// otherwise). It never logs messages, metadata values or status details, which may carry secrets; unexpected handler
/// exceptions are logged once by the server itself.
/// </summary>
public sealed partial class LoggingInterceptor : ServerInterceptor
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public LoggingInterceptor(ILogger<LoggingInterceptor> logger, TimeProvider? timeProvider = null)
    {
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        var started = _time.GetTimestamp();
        CallStarting(_logger, context.Method, context.Peer, context.Deadline);
        StatusCode code;
        try
        {
            await next().ConfigureAwait(false);
            code = ServerCallOutcome.Completed(context);
        }
        catch (Exception e)
        {
            code = ServerCallOutcome.Failed(context, e);
            Finished(context, code, started);
            throw;
        }

        Finished(context, code, started);
    }

    private void Finished(ServerCallContext context, StatusCode code, long started)
    {
        var elapsed = _time.GetElapsedTime(started).TotalMilliseconds;
        if (code == StatusCode.OK)
        {
            CallSucceeded(_logger, context.Method, context.Peer, elapsed);
        }
        else
        {
            CallFailed(_logger, context.Method, context.Peer, ServerCallOutcome.Name(code), elapsed);
        }
    }

    [LoggerMessage(100, LogLevel.Debug, "gRPC call {Method} from {Peer} starting (deadline {Deadline})")]
    private static partial void CallStarting(ILogger logger, string method, string peer, DateTimeOffset? deadline);

    [LoggerMessage(101, LogLevel.Information, "gRPC call {Method} from {Peer} finished with OK in {ElapsedMilliseconds} ms")]
    private static partial void CallSucceeded(ILogger logger, string method, string peer, double elapsedMilliseconds);

    [LoggerMessage(102, LogLevel.Warning, "gRPC call {Method} from {Peer} finished with {StatusCode} in {ElapsedMilliseconds} ms")]
    private static partial void CallFailed(ILogger logger, string method, string peer, string statusCode, double elapsedMilliseconds);
}
