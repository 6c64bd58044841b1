using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The state of a snapshot on one provider.</summary>
public sealed record ProviderSnapshotStatus
{
    [JsonPropertyName("available")]
    public required bool Available { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
