using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Spreads the policy's VMs across zones, at most <see cref="MaxVMsPerZone"/> in one.</summary>
public sealed record ZoneAntiAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("maxVMsPerZone")]
    [Minimum(1)]
    [Maximum(10000)]
    public int? MaxVMsPerZone { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
