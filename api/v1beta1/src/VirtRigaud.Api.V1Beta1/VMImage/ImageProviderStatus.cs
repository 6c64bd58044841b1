using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A <see cref="VMImage"/> on one provider.</summary>
public sealed record ImageProviderStatus
{
    [JsonPropertyName("available")]
    public required bool Available { get; init; }

    /// <summary>The provider's identifier of the image.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("size")]
    public Quantity? Size { get; init; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
