using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The VirtualMachine a <see cref="VMMigration"/> moves.</summary>
public sealed record MigrationSource
{
    /// <summary>The source VirtualMachine, in the migration's namespace.</summary>
    [JsonPropertyName("vmRef")]
    public required LocalObjectReference VMRef { get; init; }

    /// <summary>The source provider; the source VM's <c>providerRef</c> when absent.</summary>
    [JsonPropertyName("providerRef")]
    public ObjectRef? ProviderRef { get; init; }

    /// <summary>
    /// An existing provider snapshot to export; its name is used verbatim as the provider's snapshot ID. Only honoured
    /// when <see cref="CreateSnapshot"/> is true (upstream skips the snapshot phase otherwise).
    /// </summary>
    [JsonPropertyName("snapshotRef")]
    public LocalObjectReference? SnapshotRef { get; init; }

    [JsonPropertyName("createSnapshot")]
    [Default(true)]
    public bool? CreateSnapshot { get; init; }

    /// <summary>Power the source off (hard) before exporting; needed for vSphere, which locks running disks.</summary>
    [JsonPropertyName("powerOffBeforeMigration")]
    [Default(false)]
    public bool? PowerOffBeforeMigration { get; init; }

    /// <summary>Delete the source VirtualMachine object (and so the hypervisor VM) once the migration is Ready.</summary>
    [JsonPropertyName("deleteAfterMigration")]
    [Default(false)]
    public bool? DeleteAfterMigration { get; init; }
}
