using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// meta.k8s.io/v1 PartialObjectMetadata: an object reduced to its metadata, as the metadata client (garbage collector,
/// namespace controller, quota) asks for with <c>as=PartialObjectMetadata</c>.
/// </summary>
public sealed record PartialObjectMetadata : IKubernetesObject
{
    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = "PartialObjectMetadata";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "meta.k8s.io/v1";

    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();
}
