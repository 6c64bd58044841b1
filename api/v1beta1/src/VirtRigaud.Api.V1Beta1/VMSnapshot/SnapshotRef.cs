using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A reference to another <see cref="VMSnapshot"/> in a snapshot tree.</summary>
public sealed record SnapshotRef
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }
}
