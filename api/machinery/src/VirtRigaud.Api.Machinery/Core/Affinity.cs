using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 Affinity: the node and inter-pod scheduling constraints of a pod.</summary>
public sealed record Affinity
{
    [JsonPropertyName("nodeAffinity")]
    public NodeAffinity? NodeAffinity { get; init; }

    [JsonPropertyName("podAffinity")]
    public PodAffinity? PodAffinity { get; init; }

    [JsonPropertyName("podAntiAffinity")]
    public PodAntiAffinity? PodAntiAffinity { get; init; }
}
