using Microsoft.Extensions.Logging;

namespace VirtRigaud.Controllers.Providers;

/// <summary>Provider connection and runtime log messages (event ids 1100–1199).</summary>
internal static partial class ProvidersLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Connecting to provider {Namespace}/{Name} at {Endpoint} ({Security})")]
    public static partial void Connecting(ILogger logger, string @namespace, string name, string endpoint, string security);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Circuit breaker of provider {Namespace}/{Name} is now {State}")]
    public static partial void BreakerStateChanged(ILogger logger, string @namespace, string name, CircuitState state);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Not verifying the certificate of provider {ServerName} (runtime.service.tls.insecureSkipVerify)")]
    public static partial void InsecureSkipVerify(ILogger logger, string serverName);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Started provider process {Namespace}/{Name} (pid {Pid}) on {Endpoint}")]
    public static partial void ProcessStarted(ILogger logger, string @namespace, string name, int pid, string endpoint);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Provider process {Namespace}/{Name} exited with code {ExitCode}; restarting in {Delay}")]
    public static partial void ProcessExited(ILogger logger, string @namespace, string name, int exitCode, TimeSpan delay);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "Stopping provider process {Namespace}/{Name}")]
    public static partial void ProcessStopping(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Provider process {Namespace}/{Name}: {Line}")]
    public static partial void ProcessOutput(ILogger logger, string @namespace, string name, string line);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Error, Message = "Provider process {Namespace}/{Name} could not start")]
    public static partial void ProcessStartFailed(ILogger logger, Exception exception, string @namespace, string name);
}
