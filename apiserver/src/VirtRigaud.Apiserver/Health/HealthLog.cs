namespace VirtRigaud.Apiserver.Health;

/// <summary>Log messages of the health endpoints (event ids 5100–5199).</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Health check {Check} of /{Probe} failed")]
    public static partial void CheckFailed(ILogger logger, string check, string probe, Exception exception);
}
