namespace VirtRigaud.Apiserver.Watch;

/// <summary>The watch cache's log messages (event ids 5100–5199).</summary>
internal static partial class WatchCacheLog
{
    [LoggerMessage(5100, LogLevel.Information, "Watch cache of {Resource} listed {Count} objects at revision {Revision}")]
    public static partial void Listed(ILogger logger, string resource, int count, long revision);

    [LoggerMessage(5101, LogLevel.Warning, "Watch cache of {Resource} could not list; retrying in {Delay}")]
    public static partial void ListFailed(ILogger logger, string resource, TimeSpan delay, Exception exception);

    [LoggerMessage(5102, LogLevel.Warning, "Watch cache of {Resource}: the storage watch failed; re-watching in {Delay}")]
    public static partial void StorageWatchFailed(ILogger logger, string resource, TimeSpan delay, Exception exception);

    [LoggerMessage(5103, LogLevel.Warning, "Watch cache of {Resource}: the storage watch ended; re-watching in {Delay}")]
    public static partial void StorageWatchEnded(ILogger logger, string resource, TimeSpan delay);

    [LoggerMessage(5104, LogLevel.Information, "Watch cache of {Resource} at revision {Revision} expired ({Message}); relisting and ending its watches")]
    public static partial void Relisting(ILogger logger, string resource, long revision, string message);

    [LoggerMessage(5105, LogLevel.Warning, "Watch cache of {Resource}: writes before revision {Revision} were missed between the list and the watch; relisting")]
    public static partial void StartGap(ILogger logger, string resource, long revision);

    [LoggerMessage(5106, LogLevel.Information, "Watch cache of {Resource}: terminated a watcher of namespace '{Namespace}' whose {BufferSize} queued events were not consumed (at revision {Revision})")]
    public static partial void SlowWatcherTerminated(ILogger logger, string resource, string @namespace, int bufferSize, long revision);

    [LoggerMessage(5107, LogLevel.Error, "Watch cache: the stored value of {Key} at revision {Revision} is not a JSON object; skipped")]
    public static partial void DecodeFailed(ILogger logger, string key, long revision, Exception exception);
}
