using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a <see cref="VMImage"/> is made available on a provider the first time a VM needs it there.</summary>
public sealed record ImagePrepare
{
    /// <summary>What to do when the image is missing on the provider.</summary>
    [JsonPropertyName("onMissing")]
    [Default("Import")]
    public ImageMissingAction? OnMissing { get; init; }

    /// <summary>Nullable so that an explicit <c>false</c> survives round trips (upstream's omitempty bool did not).</summary>
    [JsonPropertyName("validateChecksum")]
    [Default(true)]
    public bool? ValidateChecksum { get; init; }

    [JsonPropertyName("timeout")]
    [Default("30m")]
    public Duration? Timeout { get; init; }

    [JsonPropertyName("retries")]
    [Minimum(0)]
    [Maximum(10)]
    [Default(3)]
    public int? Retries { get; init; }

    /// <summary>Re-import even when the image is already on the provider.</summary>
    [JsonPropertyName("force")]
    public bool? Force { get; init; }

    [JsonPropertyName("storage")]
    public ImageStorage? Storage { get; init; }

    [JsonPropertyName("optimization")]
    public ImageOptimization? Optimization { get; init; }
}
