using Microsoft.Extensions.Logging;

namespace VirtRigaud.Client.Informers;

/// <summary>Log messages of reflectors and informers (event ids 7500–7599).</summary>
internal static partial class ReflectorLog
{
    [LoggerMessage(7500, LogLevel.Debug, "Reflector {Name}: listed {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string name, int count, string resourceVersion);

    [LoggerMessage(7501, LogLevel.Debug, "Reflector {Name}: the streaming list delivered {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void WatchListed(ILogger logger, string name, int count, string resourceVersion);

    [LoggerMessage(7502, LogLevel.Information, "Reflector {Name}: the server does not support streaming lists ({Reason}); listing instead from now on")]
    public static partial void WatchListUnsupported(ILogger logger, string name, string reason);

    [LoggerMessage(7503, LogLevel.Warning, "Reflector {Name}: the streaming list failed; falling back to a list this time")]
    public static partial void WatchListFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(7504, LogLevel.Information, "Reflector {Name}: resourceVersion {ResourceVersion} is too old ({Message}); listing again")]
    public static partial void Expired(ILogger logger, string name, string resourceVersion, string message);

    [LoggerMessage(7505, LogLevel.Warning, "Reflector {Name}: list and watch failed; retrying in {Delay}")]
    public static partial void ListAndWatchFailed(ILogger logger, string name, TimeSpan delay, Exception exception);

    [LoggerMessage(7506, LogLevel.Information, "Reflector {Name}: the watch could not be (re)established; re-watching from resourceVersion {ResourceVersion} in {Delay}")]
    public static partial void WatchRetry(ILogger logger, string name, string resourceVersion, TimeSpan delay, Exception exception);

    [LoggerMessage(7507, LogLevel.Warning, "Reflector {Name}: the watch from resourceVersion {ResourceVersion} ended after less than {Threshold} without events; listing again")]
    public static partial void ShortWatch(ILogger logger, string name, string resourceVersion, TimeSpan threshold);

    [LoggerMessage(7508, LogLevel.Warning, "Reflector {Name}: ignoring a watch event of unknown type {Type}")]
    public static partial void UnknownEvent(ILogger logger, string name, string type);

    [LoggerMessage(7509, LogLevel.Warning, "Reflector {Name}: the watch failed ({Code} {Reason}); listing again")]
    public static partial void WatchFailed(ILogger logger, string name, int code, string reason, Exception exception);

    [LoggerMessage(7510, LogLevel.Error, "Reflector {Name}: the resync failed")]
    public static partial void ResyncFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(7511, LogLevel.Information, "Reflector {Name}: the relist returned the expired resourceVersion {ResourceVersion} again; listing the newest state")]
    public static partial void StaleRelist(ILogger logger, string name, string resourceVersion);

    [LoggerMessage(7520, LogLevel.Error, "Informer {Name}: an event handler threw while handling {Notification}")]
    public static partial void HandlerFailed(ILogger logger, string name, string notification, Exception exception);

    [LoggerMessage(7521, LogLevel.Information, "Informer {Name}: a handler asked for resyncs every {Requested}, below the informer's check period; resyncing it every {Effective}")]
    public static partial void ResyncAdjusted(ILogger logger, string name, TimeSpan requested, TimeSpan effective);
}
