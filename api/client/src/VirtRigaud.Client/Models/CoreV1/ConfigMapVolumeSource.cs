using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ConfigMapVolumeSource.</summary>
public sealed record ConfigMapVolumeSource
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}
