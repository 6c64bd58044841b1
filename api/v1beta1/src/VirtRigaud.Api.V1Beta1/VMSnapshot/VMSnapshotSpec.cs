using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The desired snapshot of a <see cref="VMSnapshot"/>.</summary>
public sealed record VMSnapshotSpec
{
    /// <summary>The VirtualMachine to snapshot, in the snapshot's namespace.</summary>
    [JsonPropertyName("vmRef")]
    public required LocalObjectReference VMRef { get; init; }

    [JsonPropertyName("snapshotConfig")]
    public SnapshotConfig? SnapshotConfig { get; init; }

    [JsonPropertyName("retentionPolicy")]
    public SnapshotRetentionPolicy? RetentionPolicy { get; init; }

    [JsonPropertyName("schedule")]
    public SnapshotSchedule? Schedule { get; init; }

    /// <summary>Descriptive metadata (tags, purpose); not the object's <c>metadata</c>.</summary>
    [JsonPropertyName("metadata")]
    public SnapshotMetadata? Metadata { get; init; }
}
