using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The desired state of a <see cref="VMImage"/>: its source and how to prepare it on a provider.</summary>
public sealed record VMImageSpec
{
    /// <summary>Where the image comes from; exactly one source must be set.</summary>
    [JsonPropertyName("source")]
    public required ImageSource Source { get; init; }

    [JsonPropertyName("prepare")]
    public ImagePrepare? Prepare { get; init; }

    [JsonPropertyName("metadata")]
    public ImageMetadata? Metadata { get; init; }

    [JsonPropertyName("distribution")]
    public OSDistribution? Distribution { get; init; }
}
