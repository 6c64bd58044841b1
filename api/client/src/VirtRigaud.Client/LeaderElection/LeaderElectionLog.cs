using Microsoft.Extensions.Logging;

namespace VirtRigaud.Client.LeaderElection;

/// <summary>Log messages of leader election (event ids 7600–7699).</summary>
internal static partial class LeaderElectionLog
{
    [LoggerMessage(7600, LogLevel.Information, "Leader election {Name}: {Identity} is attempting to acquire the lease {Lock}")]
    public static partial void Attempting(ILogger logger, string name, string identity, string @lock);

    [LoggerMessage(7601, LogLevel.Information, "Leader election {Name}: {Identity} acquired the lease {Lock}")]
    public static partial void Acquired(ILogger logger, string name, string identity, string @lock);

    [LoggerMessage(7602, LogLevel.Information, "Leader election {Name}: {Identity} failed to renew the lease {Lock} within {RenewDeadline}; leadership lost")]
    public static partial void Lost(ILogger logger, string name, string identity, string @lock, TimeSpan renewDeadline);

    [LoggerMessage(7603, LogLevel.Information, "Leader election {Name}: {Identity} released the lease {Lock}")]
    public static partial void Released(ILogger logger, string name, string identity, string @lock);

    [LoggerMessage(7604, LogLevel.Warning, "Leader election {Name}: releasing the lease {Lock} failed")]
    public static partial void ReleaseFailed(ILogger logger, string name, string @lock, Exception exception);

    [LoggerMessage(7605, LogLevel.Warning, "Leader election {Name}: reading or writing the lease {Lock} failed")]
    public static partial void StoreFailed(ILogger logger, string name, string @lock, Exception exception);

    [LoggerMessage(7606, LogLevel.Debug, "Leader election {Name}: the lease {Lock} changed concurrently; retrying")]
    public static partial void Conflict(ILogger logger, string name, string @lock);

    [LoggerMessage(7607, LogLevel.Information, "Leader election {Name}: new leader {Leader}")]
    public static partial void NewLeader(ILogger logger, string name, string leader);

    [LoggerMessage(7608, LogLevel.Error, "Leader election {Name}: the leading work failed; giving up leadership")]
    public static partial void WorkFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(7609, LogLevel.Error, "Leader election {Name}: the OnNewLeader callback failed")]
    public static partial void CallbackFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(7610, LogLevel.Warning, "Leader election {Name}: the optimistic renewal of {Lock} failed; reading it again")]
    public static partial void FastPathFailed(ILogger logger, string name, string @lock, Exception exception);
}
