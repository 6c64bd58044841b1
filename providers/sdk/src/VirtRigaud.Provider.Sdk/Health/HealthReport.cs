using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Sdk.Health;

/// <summary>
/// The body of <c>/health</c>, in the shape of upstream's <c>internal/obs/health.OverallStatus</c>:
/// <c>{"status":"healthy","checks":{"validate":{…}},"summary":{"healthy":1,"unhealthy":0,"unknown":0}}</c>.
/// </summary>
internal sealed record HealthReport
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("checks")]
    public required Dictionary<string, HealthCheckResult> Checks { get; init; }

    [JsonPropertyName("summary")]
    public required Dictionary<string, int> Summary { get; init; }
}
