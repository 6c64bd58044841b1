using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMSnapshot"/>.</summary>
public sealed record VMSnapshotStatus
{
    /// <summary>The provider's identifier of the snapshot.</summary>
    [JsonPropertyName("snapshotID")]
    public string? SnapshotID { get; init; }

    [JsonPropertyName("phase")]
    public SnapshotPhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("creationTime")]
    public DateTimeOffset? CreationTime { get; init; }

    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    [JsonPropertyName("size")]
    public Quantity? Size { get; init; }

    [JsonPropertyName("virtualSize")]
    public Quantity? VirtualSize { get; init; }

    /// <summary>The provider task of an operation still running.</summary>
    [JsonPropertyName("taskRef")]
    public string? TaskRef { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("progress")]
    public SnapshotProgress? Progress { get; init; }

    /// <summary>Per provider name: where the snapshot lives there.</summary>
    [JsonPropertyName("providerStatus")]
    public IReadOnlyDictionary<string, ProviderSnapshotStatus>? ProviderStatus { get; init; }

    /// <summary>Snapshots taken on top of this one.</summary>
    [JsonPropertyName("children")]
    public IReadOnlyList<SnapshotRef>? Children { get; init; }

    [JsonPropertyName("parent")]
    public SnapshotRef? Parent { get; init; }

    /// <summary>When the retention policy will delete the snapshot.</summary>
    [JsonPropertyName("expiryTime")]
    public DateTimeOffset? ExpiryTime { get; init; }
}
