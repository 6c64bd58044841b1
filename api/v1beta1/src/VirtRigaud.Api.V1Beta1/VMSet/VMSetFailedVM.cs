using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A replica whose update failed.</summary>
public sealed record VMSetFailedVM
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("lastAttempt")]
    public DateTimeOffset? LastAttempt { get; init; }

    [JsonPropertyName("retryCount")]
    public int? RetryCount { get; init; }
}
