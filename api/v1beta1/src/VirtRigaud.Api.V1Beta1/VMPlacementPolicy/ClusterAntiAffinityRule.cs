using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Spreads the policy's VMs across clusters, at most <see cref="MaxVMsPerCluster"/> in one.</summary>
public sealed record ClusterAntiAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("maxVMsPerCluster")]
    [Minimum(1)]
    [Maximum(10000)]
    public int? MaxVMsPerCluster { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
