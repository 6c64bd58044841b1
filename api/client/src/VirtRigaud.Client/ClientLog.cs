using Microsoft.Extensions.Logging;

namespace VirtRigaud.Client;

/// <summary>
/// The client core's log messages (event ids 7000–7099; the informer, work queue, leader election and event recorder
/// parts use their own range). Never given a token, password, key or Secret value.
/// </summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Cannot re-read the token file {Path}; keeping the previous token")]
    public static partial void TokenFileReadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Running the exec credential plugin {Command}")]
    public static partial void ExecPluginRunning(ILogger logger, string command);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "The exec credential plugin {Command} returned a credential valid until {Expiration}")]
    public static partial void ExecPluginCredential(ILogger logger, string command, DateTimeOffset? expiration);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "401 Unauthorized from {Method} {Path}; refreshing the credential and retrying once")]
    public static partial void RetryingAfterUnauthorized(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Warning from the API server: {Text}")]
    public static partial void ServerWarning(ILogger logger, string text);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Debug, Message = "{Method} {Path} answered {Code}; retrying in {Delay} (attempt {Attempt} of {MaxRetries})")]
    public static partial void RetryingAfter(ILogger logger, string method, string path, int code, TimeSpan delay, int attempt, int maxRetries);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Trace, Message = "{Method} {Path} → {Code} in {Elapsed}")]
    public static partial void Request(ILogger logger, string method, string path, int code, TimeSpan elapsed);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Debug, Message = "Watch {Path} from resourceVersion {ResourceVersion} started")]
    public static partial void WatchStarted(ILogger logger, string path, string? resourceVersion);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Debug, Message = "Watch {Path} ended after {Events} events")]
    public static partial void WatchEnded(ILogger logger, string path, long events);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Debug, Message = "Discovery of {Path} cached ({Resources} resources)")]
    public static partial void DiscoveryCached(ILogger logger, string path, int resources);
}
