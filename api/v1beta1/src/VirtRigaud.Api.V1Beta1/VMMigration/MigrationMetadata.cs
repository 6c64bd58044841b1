using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Descriptive metadata of a <see cref="VMMigration"/>.</summary>
public sealed record MigrationMetadata
{
    [JsonPropertyName("purpose")]
    [Enum("disaster-recovery", "cloud-migration", "provider-change", "testing", "maintenance")]
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
