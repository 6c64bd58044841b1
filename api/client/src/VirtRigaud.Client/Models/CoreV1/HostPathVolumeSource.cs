using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 HostPathVolumeSource.</summary>
public sealed record HostPathVolumeSource
{
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
