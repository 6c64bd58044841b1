using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ObjectReference: enough to find one object (or a field of it).</summary>
public sealed record ObjectReference
{
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; init; }

    /// <summary>A path into the object, e.g. spec.containers{web}.</summary>
    [JsonPropertyName("fieldPath")]
    public string? FieldPath { get; init; }
}
