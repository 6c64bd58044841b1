using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 SecretVolumeSource.</summary>
public sealed record SecretVolumeSource
{
    [JsonPropertyName("secretName")]
    public string? SecretName { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}
