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
}
