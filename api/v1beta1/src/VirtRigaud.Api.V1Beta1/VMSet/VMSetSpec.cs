using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The desired replicas of a <see cref="VMSet"/> and how to roll changes out to them.</summary>
public sealed record VMSetSpec
{
    [JsonPropertyName("replicas")]
    [Default(1)]
    [Minimum(0)]
    [Maximum(1000)]
    public int? Replicas { get; init; }

    /// <summary>Which VirtualMachines belong to the set; must match <c>template.metadata.labels</c>.</summary>
    [JsonPropertyName("selector")]
    public required LabelSelector Selector { get; init; }

    [JsonPropertyName("template")]
    public required VMSetTemplate Template { get; init; }

    [JsonPropertyName("updateStrategy")]
    public VMSetUpdateStrategy? UpdateStrategy { get; init; }

    /// <summary>How long a new replica must be ready before it counts as available.</summary>
    [JsonPropertyName("minReadySeconds")]
    [Minimum(0)]
    [Maximum(3600)]
    public int? MinReadySeconds { get; init; }

    /// <summary>How many old revisions to keep for rollback.</summary>
    [JsonPropertyName("revisionHistoryLimit")]
    [Default(10)]
    [Minimum(0)]
    [Maximum(100)]
    public int? RevisionHistoryLimit { get; init; }

    [JsonPropertyName("persistentVolumeClaimRetentionPolicy")]
    public VMSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; init; }

    [JsonPropertyName("ordinals")]
    public VMSetOrdinals? Ordinals { get; init; }

    /// <summary>The Service that governs the set (informational, as for a StatefulSet).</summary>
    [JsonPropertyName("serviceName")]
    [MaxLength(253)]
    public string? ServiceName { get; init; }

    /// <summary>Claims created per replica; names are unique.</summary>
    [JsonPropertyName("volumeClaimTemplates")]
    [MaxItems(20)]
    public IReadOnlyList<VMSetVolumeClaimTemplate>? VolumeClaimTemplates { get; init; }
}
