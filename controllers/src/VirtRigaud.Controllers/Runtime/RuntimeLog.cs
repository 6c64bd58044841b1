using Microsoft.Extensions.Logging;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>The runtime's log messages (event ids 1000–1099).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Starting controller {Controller} with {Workers} workers")]
    public static partial void ControllerStarting(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    public static partial void ControllerStopped(ILogger logger, string controller);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Reconcile of {Controller} {Key} failed; retrying with back-off (attempt {Attempt})")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string controller, ObjectKey key, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Reconcile of {Controller} {Key} failed terminally; not retried until the object changes")]
    public static partial void ReconcileTerminal(ILogger logger, Exception exception, string controller, ObjectKey key);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Reconciled {Controller} {Key}: {Result} in {ElapsedMs} ms")]
    public static partial void Reconciled(ILogger logger, string controller, ObjectKey key, ReconcileResult result, double elapsedMs);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Event handler of controller {Controller} failed to map an object to keys")]
    public static partial void MapFailed(ILogger logger, Exception exception, string controller);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Waiting for informer caches to sync")]
    public static partial void WaitingForCaches(ILogger logger);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Informer caches synced")]
    public static partial void CachesSynced(ILogger logger);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Leader election enabled (lease {Lease}, identity {Identity}); controllers start when leading")]
    public static partial void LeaderElectionEnabled(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error, Message = "Leadership lost; stopping the manager")]
    public static partial void LeadershipLost(ILogger logger);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Stopping controllers; draining in-flight reconciles")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Error, Message = "Controller {Controller} ended with an error")]
    public static partial void ControllerCrashed(ILogger logger, Exception exception, string controller);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information, Message = "Serving health probes on {Address} and metrics on {MetricsAddress}")]
    public static partial void Serving(ILogger logger, string address, string metricsAddress);
}
