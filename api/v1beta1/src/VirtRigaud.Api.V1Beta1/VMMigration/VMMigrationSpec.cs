using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The desired migration of a <see cref="VMMigration"/>.</summary>
public sealed record VMMigrationSpec
{
    [JsonPropertyName("source")]
    public required MigrationSource Source { get; init; }

    [JsonPropertyName("target")]
    public required MigrationTarget Target { get; init; }

    [JsonPropertyName("options")]
    public MigrationOptions? Options { get; init; }

    /// <summary>
    /// Where the disk is staged between export and import. Optional in the schema, but a migration cannot run without
    /// it; <see cref="VMMigrationValidation"/> requires it.
    /// </summary>
    [JsonPropertyName("storage")]
    public MigrationStorage? Storage { get; init; }

    /// <summary>Descriptive metadata (purpose, project, tags); not the object's <c>metadata</c>.</summary>
    [JsonPropertyName("metadata")]
    public MigrationMetadata? Metadata { get; init; }
}
