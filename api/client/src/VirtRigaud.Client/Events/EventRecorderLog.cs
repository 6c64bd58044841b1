using Microsoft.Extensions.Logging;

namespace VirtRigaud.Client.Events;

/// <summary>Log messages of the event recorder (event ids 7700–7799). Event messages are the caller's text; never put secrets in them.</summary>
internal static partial class EventRecorderLog
{
    [LoggerMessage(7700, LogLevel.Error, "Event recorder {Component}: unsupported event type {Type} for reason {Reason}; dropped")]
    public static partial void UnsupportedType(ILogger logger, string component, string type, string reason);

    [LoggerMessage(7701, LogLevel.Warning, "Event recorder {Component}: the queue is full; dropped event {Reason} for {Object}")]
    public static partial void QueueFull(ILogger logger, string component, string reason, string @object);

    [LoggerMessage(7702, LogLevel.Debug, "Event recorder {Component}: spam filter held back event {Reason} for {Object}")]
    public static partial void SpamFiltered(ILogger logger, string component, string reason, string @object);

    [LoggerMessage(7703, LogLevel.Warning, "Event recorder {Component}: the server rejected event {Name} in {Namespace} ({Code} {StatusReason}); dropped")]
    public static partial void Rejected(ILogger logger, string component, string name, string @namespace, int code, string statusReason);

    [LoggerMessage(7704, LogLevel.Warning, "Event recorder {Component}: writing event {Name} in {Namespace} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string component, string name, string @namespace, int attempt, int maxAttempts, TimeSpan delay, Exception exception);

    [LoggerMessage(7705, LogLevel.Error, "Event recorder {Component}: giving up on event {Name} in {Namespace} after {MaxAttempts} attempts")]
    public static partial void GaveUp(ILogger logger, string component, string name, string @namespace, int maxAttempts, Exception exception);

    [LoggerMessage(7706, LogLevel.Debug, "Event recorder {Component}: event {Name} in {Namespace} exists already; dropped")]
    public static partial void AlreadyExists(ILogger logger, string component, string name, string @namespace);
}
