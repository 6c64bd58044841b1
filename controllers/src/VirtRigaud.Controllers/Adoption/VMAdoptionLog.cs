using Microsoft.Extensions.Logging;

namespace VirtRigaud.Controllers.Adoption;

/// <summary>VM adoption's log messages (event ids 3200–3299).</summary>
internal static partial class VMAdoptionLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Provider {Provider}: discovery found {Total} VMs, {Discovered} unmanaged matching the filter, {Adopted} adopted, {Failed} failed")]
    public static partial void Discovered(ILogger logger, string provider, int total, int discovered, int adopted, int failed);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Provider {Provider}: ListVMs failed ({Code}): {Detail}")]
    public static partial void DiscoveryFailed(ILogger logger, string provider, string code, string detail);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "VirtualMachine {Vm}: adopted provider VM {Name} ({Id})")]
    public static partial void Adopted(ILogger logger, string vm, string name, string id);
}
