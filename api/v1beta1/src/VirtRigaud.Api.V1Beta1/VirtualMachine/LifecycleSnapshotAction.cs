using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A snapshot taken by a lifecycle hook.</summary>
public sealed record LifecycleSnapshotAction
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("includeMemory")]
    public bool? IncludeMemory { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
