using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A <see cref="VMNetworkAttachment"/> on one provider.</summary>
public sealed record NetworkProviderStatus
{
    [JsonPropertyName("available")]
    public required bool Available { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
