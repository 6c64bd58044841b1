using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A snapshot that exists on the provider for a VM, as listed in its status.</summary>
public sealed record VMSnapshotInfo
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("creationTime")]
    public required DateTimeOffset CreationTime { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("sizeBytes")]
    public long? SizeBytes { get; init; }

    [JsonPropertyName("hasMemory")]
    public bool? HasMemory { get; init; }
}
