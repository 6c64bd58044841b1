using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Whether staged data and migration-created snapshots are removed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MigrationCleanupPolicy>))]
public enum MigrationCleanupPolicy
{
    Always,
    OnSuccess,
    Never,
}
