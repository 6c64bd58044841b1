using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A KubeVirt CDI DataVolume holding the image.</summary>
public sealed record DataVolumeImageSource
{
    [JsonPropertyName("name")]
    [MaxLength(253)]
    [Pattern(Patterns.Dns1123Label)]
    public required string Name { get; init; }

    /// <summary>The DataVolume's namespace; absent means the image's namespace.</summary>
    [JsonPropertyName("namespace")]
    [MaxLength(63)]
    [Pattern(Patterns.Dns1123Label)]
    public string? Namespace { get; init; }
}
