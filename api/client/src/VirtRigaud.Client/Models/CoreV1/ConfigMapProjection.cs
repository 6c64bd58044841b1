using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ConfigMapProjection.</summary>
public sealed record ConfigMapProjection
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}
