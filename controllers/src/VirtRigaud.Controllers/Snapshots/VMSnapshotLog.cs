using Microsoft.Extensions.Logging;

namespace VirtRigaud.Controllers.Snapshots;

/// <summary>The VMSnapshot controller's log messages (event ids 3000–3099).</summary>
internal static partial class VMSnapshotLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "VMSnapshot {Snapshot}: SnapshotCreate issued on VM {VmId} as {SnapshotId} (task {Task})")]
    public static partial void Creating(ILogger logger, string snapshot, string vmId, string snapshotId, string task);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "VMSnapshot {Snapshot}: ready as {SnapshotId}")]
    public static partial void Ready(ILogger logger, string snapshot, string snapshotId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "VMSnapshot {Snapshot}: provider {Provider} failed {Operation} ({Code}): {Detail}")]
    public static partial void ProviderFailed(ILogger logger, string snapshot, string provider, string operation, string code, string detail);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "VMSnapshot {Snapshot}: task {Task} failed: {Detail}")]
    public static partial void TaskFailed(ILogger logger, string snapshot, string task, string detail);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "VMSnapshot {Snapshot}: failed: {Detail}")]
    public static partial void Failed(ILogger logger, string snapshot, string detail);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "VMSnapshot {Snapshot}: retention: {Detail}")]
    public static partial void Retention(ILogger logger, string snapshot, string detail);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "VMSnapshot {Snapshot}: deleted from the provider; finalizer removed")]
    public static partial void Deleted(ILogger logger, string snapshot);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "VMSnapshot {Snapshot}: finalizer removed by {Annotation} although the provider snapshot may remain: {Detail}")]
    public static partial void ForceDeleted(ILogger logger, string snapshot, string annotation, string detail);
}
