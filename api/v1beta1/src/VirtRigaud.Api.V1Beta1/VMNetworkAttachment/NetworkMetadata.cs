using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Descriptive information about a network.</summary>
public sealed record NetworkMetadata
{
    [JsonPropertyName("displayName")]
    [MaxLength(255)]
    public string? DisplayName { get; init; }

    [JsonPropertyName("description")]
    [MaxLength(1024)]
    public string? Description { get; init; }

    [JsonPropertyName("environment")]
    [Enum("dev", "staging", "prod", "test", "qa", "uat")]
    public string? Environment { get; init; }

    [JsonPropertyName("tags")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
