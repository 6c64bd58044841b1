
namespace VirtRigaud.Apiserver.Hosting;

/// <summary>Log messages of the host and its security stages, with stable event ids (100–199).</summary>
internal static partial class ApiServerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Generated the {What} certificate {Path}")]
    public static partial void CertificateGenerated(ILogger logger, string what, string path);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Listening on {Address} with {Store}")]
    public static partial void Listening(ILogger logger, Uri address, string store);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Shutting down: not ready, serving for {Delay} more, then draining for up to {Grace}")]
    public static partial void ShuttingDown(ILogger logger, TimeSpan delay, TimeSpan grace);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Authentication failed for {Method} {Path} from {Remote}: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string method, string path, string? remote, string reason);

    [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "Forbidden: user {User} {Verb} {Path}")]
    public static partial void Forbidden(ILogger logger, string user, string verb, string path);

    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Unhandled error after the response to {Method} {Path} started; aborting the connection")]
    public static partial void UnhandledErrorAfterStart(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Loaded {Count} tokens from {Path}")]
    public static partial void TokensLoaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Loaded {Count} authorization rules from {Path}")]
    public static partial void PolicyLoaded(ILogger logger, int count, string path);
}
