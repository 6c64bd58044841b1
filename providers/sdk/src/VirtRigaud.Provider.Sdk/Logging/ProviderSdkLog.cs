using Microsoft.Extensions.Logging;

namespace VirtRigaud.Provider.Sdk.Logging;

/// <summary>
/// Every log event of the provider SDK, with stable ids (6000–6099). Placeholders never carry secrets: messages of
/// provider errors are caller-facing and secret-free by contract, and the formatters mask registered secrets anyway.
/// </summary>
internal static partial class ProviderSdkLog
{
    [LoggerMessage(6000, LogLevel.Information, "Provider {ProviderType} serving gRPC on {GrpcAddress} ({Security}), health and metrics on {HealthAddress}")]
    public static partial void Serving(ILogger logger, string providerType, string grpcAddress, string security, string healthAddress);

    [LoggerMessage(6001, LogLevel.Warning, "No TLS material in {TlsDirectory} and VIRTRIGAUD_PROVIDER_INSECURE=true: serving gRPC in PLAINTEXT (audit-flagged); any client on the network can drive this provider")]
    public static partial void InsecureMode(ILogger logger, string tlsDirectory);

    [LoggerMessage(6002, LogLevel.Warning, "TLS_ENABLED={TlsEnabled} contradicts the TLS directory, which decides: serving {Security}")]
    public static partial void TlsEnabledMismatch(ILogger logger, bool tlsEnabled, string security);

    [LoggerMessage(6003, LogLevel.Information, "Client certificates must match one of {Count} allowed names (VIRTRIGAUD_PROVIDER_ALLOWED_SANS)")]
    public static partial void AllowListActive(ILogger logger, int count);

    [LoggerMessage(6004, LogLevel.Information, "Shutting down: health NOT_SERVING, draining in-flight calls and tasks for up to {GracePeriod}")]
    public static partial void ShuttingDown(ILogger logger, TimeSpan gracePeriod);

    [LoggerMessage(6005, LogLevel.Warning, "Grace period over with {UnaryCalls} calls and {Tasks} tasks still running; they are cancelled")]
    public static partial void DrainIncomplete(ILogger logger, int unaryCalls, int tasks);

    [LoggerMessage(6006, LogLevel.Information, "Ended {Count} streaming calls (task watches, consoles, health watches) to finish the drain")]
    public static partial void StreamsAborted(ILogger logger, int count);

    [LoggerMessage(6007, LogLevel.Information, "Provider stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(6008, LogLevel.Critical, "The provider failed to start")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(6010, LogLevel.Information, "Provider is ready {Message}")]
    public static partial void Ready(ILogger logger, string message);

    [LoggerMessage(6011, LogLevel.Warning, "Provider is not ready: {Message}")]
    public static partial void NotReady(ILogger logger, string message);

    [LoggerMessage(6012, LogLevel.Error, "Readiness Validate threw unexpectedly (reference {Reference})")]
    public static partial void ReadinessCheckCrashed(ILogger logger, string reference, Exception exception);

    [LoggerMessage(6020, LogLevel.Debug, "{Method} failed with {StatusCode}")]
    public static partial void ProviderErrorReturned(ILogger logger, string method, string statusCode, Exception? cause);

    [LoggerMessage(6021, LogLevel.Error, "{Method} failed unexpectedly; the caller got INTERNAL with reference {Reference}")]
    public static partial void UnexpectedError(ILogger logger, string method, string reference, Exception exception);

    [LoggerMessage(6030, LogLevel.Debug, "Task {TaskId} ({Operation}) started")]
    public static partial void TaskStarted(ILogger logger, string taskId, string operation);

    [LoggerMessage(6031, LogLevel.Information, "Task {TaskId} ({Operation}) succeeded")]
    public static partial void TaskSucceeded(ILogger logger, string taskId, string operation);

    [LoggerMessage(6032, LogLevel.Warning, "Task {TaskId} ({Operation}) failed with {StatusCode}")]
    public static partial void TaskFailed(ILogger logger, string taskId, string operation, string statusCode, Exception? cause);

    [LoggerMessage(6033, LogLevel.Warning, "Task {TaskId} ({Operation}) cancelled by shutdown")]
    public static partial void TaskCancelled(ILogger logger, string taskId, string operation);

    [LoggerMessage(6034, LogLevel.Error, "Task {TaskId} ({Operation}) failed unexpectedly (reference {Reference})")]
    public static partial void TaskCrashed(ILogger logger, string taskId, string operation, string reference, Exception exception);
}
