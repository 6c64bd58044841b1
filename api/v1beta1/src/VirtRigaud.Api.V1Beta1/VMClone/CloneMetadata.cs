using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Free-form bookkeeping about a clone operation; nothing acts on it.</summary>
public sealed record CloneMetadata
{
    [JsonPropertyName("purpose")]
    [Enum("backup", "testing", "migration", "development", "production", "staging")]
    public string? Purpose { get; init; }

    [JsonPropertyName("createdBy")]
    [MaxLength(255)]
    public string? CreatedBy { get; init; }

    [JsonPropertyName("project")]
    [MaxLength(255)]
    public string? Project { get; init; }

    [JsonPropertyName("environment")]
    [Enum("dev", "staging", "prod", "test", "qa", "uat")]
    public string? Environment { get; init; }

    [JsonPropertyName("tags")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
