using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The steps of a <see cref="VMMigration"/>. Upstream's controller never enters <see cref="Transferring"/> or
/// <see cref="Converting"/>: export goes straight to import.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MigrationPhase>))]
public enum MigrationPhase
{
    Pending,
    Validating,
    Snapshotting,
    Exporting,
    Transferring,
    Converting,
    Importing,
    Creating,

    /// <summary>Waiting for the target VirtualMachine to become Ready.</summary>
    [JsonStringEnumMemberName("Validating-Target")]
    ValidatingTarget,

    Ready,
    Failed,
}
