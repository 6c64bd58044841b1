using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>meta.k8s.io/v1 PartialObjectMetadataList.</summary>
public sealed record PartialObjectMetadataList
{
    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("kind")]
    public string Kind { get; init => field = value ?? "PartialObjectMetadataList"; } = "PartialObjectMetadataList";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init => field = value ?? "meta.k8s.io/v1"; } = "meta.k8s.io/v1";

    [JsonPropertyName("metadata")]
    public ListMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("items")]
    public IReadOnlyList<PartialObjectMetadata> Items { get; init => field = value ?? []; } = [];
}
