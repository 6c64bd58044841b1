using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ConfigMapEnvSource.</summary>
public sealed record ConfigMapEnvSource
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}
