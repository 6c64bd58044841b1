using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>meta.k8s.io/v1 PartialObjectMetadataList.</summary>
public sealed record PartialObjectMetadataList
{
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "PartialObjectMetadataList";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "meta.k8s.io/v1";

    [JsonPropertyName("metadata")]
    public ListMeta Metadata { get; init; } = new();

    [JsonPropertyName("items")]
    public IReadOnlyList<PartialObjectMetadata> Items { get; init; } = [];
}
