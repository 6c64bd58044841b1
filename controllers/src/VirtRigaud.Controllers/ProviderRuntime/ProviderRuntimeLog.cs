using Microsoft.Extensions.Logging;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>The Provider controller's log messages (event ids 1200–1299).</summary>
internal static partial class ProviderRuntimeLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Started provider process {Namespace}/{Name} (pid {Pid}) on {Endpoint}; killed with the manager: {ParentDeathSignal}")]
    public static partial void ProcessStarted(ILogger logger, string @namespace, string name, int pid, string endpoint, bool parentDeathSignal);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Provider process {Namespace}/{Name} exited with code {ExitCode}; restarting in {Delay}")]
    public static partial void ProcessExited(ILogger logger, string @namespace, string name, int exitCode, TimeSpan delay);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Stopping provider process {Namespace}/{Name}")]
    public static partial void ProcessStopping(ILogger logger, string @namespace, string name);

    // The provider's own log (its standard output) is already structured and can be chatty (a line per call at info):
    // kept at Debug. Its standard error carries start-up refusals and crashes: Warning.
    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "[provider {Namespace}/{Name}] {Line}")]
    public static partial void ProcessOutput(ILogger logger, string @namespace, string name, string line);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "[provider {Namespace}/{Name} stderr] {Line}")]
    public static partial void ProcessError(ILogger logger, string @namespace, string name, string line);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Provider {Namespace}/{Name}: binary, environment or TLS changed; restarting its process")]
    public static partial void ProcessSpecChanged(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "{Setpriv} not found: Local provider processes are stopped on a clean shutdown only, not when the manager is killed")]
    public static partial void NoParentDeathSignal(ILogger logger, string setpriv);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Provider {Namespace}/{Name} is not run: {Reason}: {Message}")]
    public static partial void RuntimeRefused(ILogger logger, string @namespace, string name, string reason, string message);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Provider {Namespace}/{Name} runs without TLS (spec.runtime.service.tls.enabled=false)")]
    public static partial void PlaintextProvider(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "Provider {Namespace}/{Name} is available ({Mode} at {Endpoint})")]
    public static partial void ProviderAvailable(ILogger logger, string @namespace, string name, string mode, string endpoint);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Provider {Namespace}/{Name} is not available: {Reason}: {Message}")]
    public static partial void ProviderUnavailable(ILogger logger, string @namespace, string name, string reason, string message);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Information, Message = "Provider {Namespace}/{Name}: {Action} {Kind} {ResourceName}")]
    public static partial void RemoteResourceWritten(ILogger logger, string @namespace, string name, string action, string kind, string resourceName);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Error, Message = "Provider {Namespace}/{Name}: writing {Kind} {ResourceName} failed")]
    public static partial void RemoteResourceFailed(ILogger logger, Exception exception, string @namespace, string name, string kind, string resourceName);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Warning, Message = "Provider {Namespace}/{Name}: GetCapabilities failed ({Code}); keeping the last reported capabilities")]
    public static partial void CapabilitiesFailed(ILogger logger, string @namespace, string name, string code);

    [LoggerMessage(EventId = 1217, Level = LogLevel.Information, Message = "Provider {Namespace}/{Name} is gone; stopping its runtime and closing its connection")]
    public static partial void ProviderGone(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 1218, Level = LogLevel.Error, Message = "Provider {Namespace}/{Name}: the Local process could not be prepared")]
    public static partial void LocalPrepareFailed(ILogger logger, Exception exception, string @namespace, string name);
}
