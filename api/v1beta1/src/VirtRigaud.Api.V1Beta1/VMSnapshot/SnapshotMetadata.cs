using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Descriptive metadata of a <see cref="VMSnapshot"/>.</summary>
public sealed record SnapshotMetadata
{
    [JsonPropertyName("tags")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Pinned snapshots are protected from automatic deletion.</summary>
    [JsonPropertyName("pinned")]
    [Default(false)]
    public bool? Pinned { get; init; }

    /// <summary>The application that created the snapshot.</summary>
    [JsonPropertyName("application")]
    [MaxLength(255)]
    public string? Application { get; init; }

    [JsonPropertyName("purpose")]
    [Enum("backup", "testing", "migration", "restore-point", "update", "other")]
    public string? Purpose { get; init; }

    [JsonPropertyName("environment")]
    [Enum("dev", "staging", "prod", "test", "qa", "uat")]
    public string? Environment { get; init; }
}
