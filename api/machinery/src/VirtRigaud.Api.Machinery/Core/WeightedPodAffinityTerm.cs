using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 WeightedPodAffinityTerm: a pod affinity term with the weight it adds when it matches.</summary>
public sealed record WeightedPodAffinityTerm
{
    [JsonPropertyName("podAffinityTerm")]
    public required PodAffinityTerm PodAffinityTerm { get; init; }

    /// <summary>1–100 (validated by Kubernetes, not by the schema).</summary>
    [JsonPropertyName("weight")]
    public required int Weight { get; init; }
}
