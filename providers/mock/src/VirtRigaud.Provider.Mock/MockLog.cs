using Microsoft.Extensions.Logging;

namespace VirtRigaud.Provider.Mock;

/// <summary>The mock provider's log events (ids 3100–3199; stable). No event carries a secret: URLs are logged without user info or query.</summary>
internal static partial class MockLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Mock hypervisor started: {VmCount} VMs, {StoredDiskCount} stored disks, state file {StateFile}")]
    public static partial void Started(ILogger logger, int vmCount, int storedDiskCount, string stateFile);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "{Operation} {Target}: task {TaskId}, due in {DurationMs} ms{Failure}")]
    public static partial void TaskStarted(ILogger logger, string operation, string target, string taskId, double durationMs, string failure);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "{Operation} {Target} done synchronously")]
    public static partial void OperationDone(ILogger logger, string operation, string target);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Fault configuration applied from {Source}: down={Down}, {RpcRuleCount} RPC rules, {TaskRuleCount} task rules")]
    public static partial void FaultsApplied(ILogger logger, string source, bool down, int rpcRuleCount, int taskRuleCount);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Fault configuration in {Source} rejected; the previous one stays in force: {Reason}")]
    public static partial void FaultsRejected(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Injected fault on {Rpc}: {Code} after {LatencyMs} ms")]
    public static partial void FaultInjected(ILogger logger, string rpc, string code, double latencyMs);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Image {Target} prepared from {Source}: {Format}, {SizeBytes} bytes, sha256 {Checksum}")]
    public static partial void ImagePrepared(ILogger logger, string target, string source, string format, long sizeBytes, string checksum);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information, Message = "Disk of {VmId} exported to {Path}: {Format}, {SizeBytes} bytes, sha256 {Checksum}")]
    public static partial void DiskExported(ILogger logger, string vmId, string path, string format, long sizeBytes, string checksum);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "Disk {Target} imported from {Path}: {Format}, {SizeBytes} bytes, sha256 {Checksum}")]
    public static partial void DiskImported(ILogger logger, string target, string path, string format, long sizeBytes, string checksum);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Information, Message = "Console session on {VmId} opened")]
    public static partial void ConsoleOpened(ILogger logger, string vmId);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Console session on {VmId} closed: {Reason}")]
    public static partial void ConsoleClosed(ILogger logger, string vmId, string reason);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Error, Message = "State file {StateFile} could not be written; the in-memory state is ahead of it")]
    public static partial void StateSaveFailed(ILogger logger, string stateFile, Exception exception);
}
