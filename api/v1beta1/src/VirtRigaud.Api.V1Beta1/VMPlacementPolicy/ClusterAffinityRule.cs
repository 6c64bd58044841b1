using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Places the policy's VMs in the listed clusters.</summary>
public sealed record ClusterAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("preferredClusters")]
    [MaxItems(20)]
    public IReadOnlyList<string>? PreferredClusters { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
