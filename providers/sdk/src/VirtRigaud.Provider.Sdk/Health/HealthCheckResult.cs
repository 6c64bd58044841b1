using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Sdk.Health;

/// <summary>One check in <see cref="HealthReport"/>, as upstream's <c>CheckResult</c>: the duration in nanoseconds (Go's <c>time.Duration</c> in JSON).</summary>
internal sealed record HealthCheckResult
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>healthy</c>, <c>unhealthy</c> or <c>unknown</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Message { get; init; }

    [JsonPropertyName("duration")]
    public long Duration { get; init; }

    [JsonPropertyName("timestamp")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Timestamp { get; init; }
}
