using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ServiceAccountTokenProjection.</summary>
public sealed record ServiceAccountTokenProjection
{
    [JsonPropertyName("audience")]
    public string? Audience { get; init; }

    [JsonPropertyName("expirationSeconds")]
    public long? ExpirationSeconds { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }
}
