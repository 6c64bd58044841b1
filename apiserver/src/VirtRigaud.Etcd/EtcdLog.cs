using Microsoft.Extensions.Logging;

namespace VirtRigaud.Etcd;

/// <summary>The client's log messages (event IDs 3100–3119 belong to VirtRigaud.Etcd).</summary>
internal static partial class EtcdLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "etcd endpoint {Failed} failed; moving to {Next}")]
    public static partial void EndpointFailedOver(ILogger logger, Uri failed, Uri next);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "etcd call {Method} retried after {Endpoint} was unavailable: {Detail}")]
    public static partial void CallRetried(ILogger logger, string method, Uri endpoint, string detail);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Authenticated to etcd as {User}")]
    public static partial void Authenticated(ILogger logger, string user);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "etcd watch stream to {Endpoint} lost; reopening with {Watches} watches in {Delay}")]
    public static partial void WatchStreamLost(ILogger logger, Exception exception, Uri endpoint, int watches, TimeSpan delay);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "etcd lease keep-alive stream to {Endpoint} lost for lease {Lease}; reopening in {Delay}")]
    public static partial void KeepAliveStreamLost(ILogger logger, Exception exception, Uri endpoint, long lease, TimeSpan delay);
}
