using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 KeyToPath.</summary>
public sealed record KeyToPath
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("mode")]
    public int? Mode { get; init; }
}
