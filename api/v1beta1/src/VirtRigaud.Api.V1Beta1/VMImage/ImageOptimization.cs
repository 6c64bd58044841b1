using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Optional transformations applied while importing an image.</summary>
public sealed record ImageOptimization
{
    [JsonPropertyName("enableCompression")]
    [Default(false)]
    public bool? EnableCompression { get; init; }

    [JsonPropertyName("removeUnusedSpace")]
    [Default(false)]
    public bool? RemoveUnusedSpace { get; init; }

    [JsonPropertyName("enableDeltaSync")]
    [Default(false)]
    public bool? EnableDeltaSync { get; init; }

    [JsonPropertyName("convertFormat")]
    public ImageFormat? ConvertFormat { get; init; }
}
