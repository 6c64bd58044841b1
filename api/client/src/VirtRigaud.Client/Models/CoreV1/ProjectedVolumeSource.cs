using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ProjectedVolumeSource.</summary>
public sealed record ProjectedVolumeSource
{
    [JsonPropertyName("sources")]
    public IReadOnlyList<VolumeProjection>? Sources { get; init; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; init; }
}
