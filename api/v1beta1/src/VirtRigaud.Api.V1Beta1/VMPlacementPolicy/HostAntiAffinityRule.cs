using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Spreads the policy's VMs across hosts, at most <see cref="MaxVMsPerHost"/> on one.</summary>
public sealed record HostAntiAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("maxVMsPerHost")]
    [Minimum(1)]
    [Maximum(1000)]
    public int? MaxVMsPerHost { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
