using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMSet"/>.</summary>
public sealed record VMSetStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>VirtualMachines the set owns (the scale subresource's <c>status.replicas</c>).</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; init; }

    /// <summary>
    /// <see cref="VMSetSpec.Selector"/> in its string form (<c>app=web,tier in (frontend)</c>), the scale subresource's
    /// <c>status.selector</c> that autoscaling/v1 Scale and the HorizontalPodAutoscaler read. Not in upstream's schema,
    /// although upstream's scale subresource points at it (see the allow-list).
    /// </summary>
    [JsonPropertyName("selector")]
    public string? Selector { get; init; }

    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; init; }

    /// <summary>Replicas ready for at least <see cref="VMSetSpec.MinReadySeconds"/>.</summary>
    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; init; }

    /// <summary>Replicas at <see cref="UpdateRevision"/>.</summary>
    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; init; }

    [JsonPropertyName("currentRevision")]
    public string? CurrentRevision { get; init; }

    [JsonPropertyName("updateRevision")]
    public string? UpdateRevision { get; init; }

    /// <summary>Hash collisions met while naming revisions; mixed into the next revision name.</summary>
    [JsonPropertyName("collisionCount")]
    public int? CollisionCount { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>Replicas at <see cref="CurrentRevision"/>.</summary>
    [JsonPropertyName("currentReplicas")]
    public int? CurrentReplicas { get; init; }

    [JsonPropertyName("updateStatus")]
    public VMSetUpdateStatus? UpdateStatus { get; init; }

    /// <summary>One entry per replica.</summary>
    [JsonPropertyName("vmStatus")]
    [MaxItems(1000)]
    public IReadOnlyList<VMSetVMStatus>? VmStatus { get; init; }
}
