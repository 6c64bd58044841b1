using Microsoft.Extensions.Logging;

namespace VirtRigaud.Controllers.Clones;

/// <summary>The VMClone controller's log messages (event ids 3100–3199). Never logs the customization (it may hold secrets).</summary>
internal static partial class VMCloneLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "VMClone {Clone}: Clone of {SourceId} issued as {TargetId} (task {Task})")]
    public static partial void Started(ILogger logger, string clone, string sourceId, string targetId, string task);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "VMClone {Clone}: provider {Provider} failed {Operation} ({Code}): {Detail}")]
    public static partial void ProviderFailed(ILogger logger, string clone, string provider, string operation, string code, string detail);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "VMClone {Clone}: task {Task} failed: {Detail}")]
    public static partial void TaskFailed(ILogger logger, string clone, string task, string detail);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "VMClone {Clone}: failed: {Detail}")]
    public static partial void Failed(ILogger logger, string clone, string detail);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "VMClone {Clone}: created target VirtualMachine {Target} for provider VM {Id}")]
    public static partial void TargetCreated(ILogger logger, string clone, string target, string id);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "VMClone {Clone}: ready; {Target} bound to provider VM {Id}")]
    public static partial void Completed(ILogger logger, string clone, string target, string id);
}
