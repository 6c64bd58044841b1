using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMMigration"/>.</summary>
public sealed record VMMigrationStatus
{
    [JsonPropertyName("phase")]
    public MigrationPhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("targetVMRef")]
    public LocalObjectReference? TargetVMRef { get; init; }

    [JsonPropertyName("snapshotRef")]
    public string? SnapshotRef { get; init; }

    /// <summary>The provider's ID of the snapshot the disk is exported from.</summary>
    [JsonPropertyName("snapshotID")]
    public string? SnapshotID { get; init; }

    [JsonPropertyName("exportID")]
    public string? ExportID { get; init; }

    [JsonPropertyName("importID")]
    public string? ImportID { get; init; }

    /// <summary>The provider task of the step in progress.</summary>
    [JsonPropertyName("taskRef")]
    public string? TaskRef { get; init; }

    /// <summary>The target provider's ID of the created VM.</summary>
    [JsonPropertyName("targetVMID")]
    public string? TargetVMID { get; init; }

    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    [JsonPropertyName("progress")]
    public MigrationProgress? Progress { get; init; }

    [JsonPropertyName("diskInfo")]
    public MigrationDiskInfo? DiskInfo { get; init; }

    [JsonPropertyName("storageInfo")]
    public MigrationStorageInfo? StorageInfo { get; init; }

    /// <summary>The claim used as staging area (given or created).</summary>
    [JsonPropertyName("storagePVCName")]
    public string? StoragePVCName { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("retryCount")]
    public int? RetryCount { get; init; }

    [JsonPropertyName("lastRetryTime")]
    public DateTimeOffset? LastRetryTime { get; init; }

    [JsonPropertyName("validationResults")]
    public MigrationValidationResults? ValidationResults { get; init; }
}
