using Microsoft.Extensions.Logging;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>The VirtualMachine controller's log messages (event ids 2000–2099). Never logs cloud-init documents or Secret data.</summary>
internal static partial class VirtualMachineLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "VirtualMachine {Vm}: created on provider {Provider} as {Id}")]
    public static partial void Created(ILogger logger, string vm, string provider, string id);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "VirtualMachine {Vm}: provider {Provider} failed {Operation} ({Code}): {Detail}")]
    public static partial void ProviderFailed(ILogger logger, string vm, string provider, string operation, string code, string detail);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "VirtualMachine {Vm}: task {Task} failed: {Detail}")]
    public static partial void TaskFailed(ILogger logger, string vm, string task, string detail);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "VirtualMachine {Vm}: waiting for dependencies: {Detail}")]
    public static partial void WaitingForDependencies(ILogger logger, string vm, string detail);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "VirtualMachine {Vm}: provider VM {Id} no longer exists; creating it again")]
    public static partial void VmVanished(ILogger logger, string vm, string id);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "VirtualMachine {Vm}: deleted from provider; finalizer removed")]
    public static partial void Deleted(ILogger logger, string vm);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "VirtualMachine {Vm}: finalizer removed by {Annotation} although the provider VM may remain: {Detail}")]
    public static partial void ForceDeleted(ILogger logger, string vm, string annotation, string detail);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "VirtualMachine {Vm}: image {Image} prepare on provider {Provider}: {Detail}")]
    public static partial void ImagePrepare(ILogger logger, string vm, string image, string provider, string detail);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "VirtualMachine {Vm}: the WatchTask stream of task {Task} ended with {Code}; polling instead")]
    public static partial void TaskWatchEnded(ILogger logger, string vm, string task, string code);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "VirtualMachine {Vm}: {Operation} failed {Attempts} times; not retried until the spec changes: {Detail}")]
    public static partial void GaveUp(ILogger logger, string vm, string operation, int attempts, string detail);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "VirtualMachine {Vm}: {Operation}: {Detail}")]
    public static partial void Operation(ILogger logger, string vm, string operation, string detail);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "VirtualMachine {Vm}: deletion blocked: {Detail}")]
    public static partial void DeleteBlocked(ILogger logger, string vm, string detail);
}
