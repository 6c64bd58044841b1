using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Descriptive information about an image.</summary>
public sealed record ImageMetadata
{
    [JsonPropertyName("displayName")]
    [MaxLength(255)]
    public string? DisplayName { get; init; }

    [JsonPropertyName("description")]
    [MaxLength(1024)]
    public string? Description { get; init; }

    [JsonPropertyName("version")]
    [MaxLength(100)]
    public string? Version { get; init; }

    [JsonPropertyName("architecture")]
    [Enum("amd64", "arm64", "x86_64", "aarch64")]
    [Default("amd64")]
    public string? Architecture { get; init; }

    [JsonPropertyName("tags")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    [JsonPropertyName("annotations")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
