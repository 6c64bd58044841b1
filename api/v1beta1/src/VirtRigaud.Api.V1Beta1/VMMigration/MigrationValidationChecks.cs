using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Checks of the migrated VM (declared upstream, not yet performed).</summary>
public sealed record MigrationValidationChecks
{
    [JsonPropertyName("checkDiskSize")]
    [Default(true)]
    public bool? CheckDiskSize { get; init; }

    [JsonPropertyName("checkChecksum")]
    [Default(true)]
    public bool? CheckChecksum { get; init; }

    [JsonPropertyName("checkBoot")]
    [Default(false)]
    public bool? CheckBoot { get; init; }

    [JsonPropertyName("checkConnectivity")]
    [Default(false)]
    public bool? CheckConnectivity { get; init; }
}
