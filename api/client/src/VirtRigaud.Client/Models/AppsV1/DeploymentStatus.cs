using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AppsV1;

/// <summary>apps/v1 DeploymentStatus.</summary>
public sealed record DeploymentStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("replicas")]
    public int? Replicas { get; init; }

    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; init; }

    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; init; }

    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; init; }

    [JsonPropertyName("unavailableReplicas")]
    public int? UnavailableReplicas { get; init; }

    [JsonPropertyName("terminatingReplicas")]
    public int? TerminatingReplicas { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<DeploymentCondition>? Conditions { get; init; }

    [JsonPropertyName("collisionCount")]
    public int? CollisionCount { get; init; }
}
