using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The placement rules of a <see cref="VMPlacementPolicy"/>; every part is optional.</summary>
public sealed record VMPlacementPolicySpec
{
    /// <summary>Constraints a placement must satisfy.</summary>
    [JsonPropertyName("hard")]
    public PlacementConstraints? Hard { get; init; }

    /// <summary>Constraints a placement should satisfy when it can.</summary>
    [JsonPropertyName("soft")]
    public PlacementConstraints? Soft { get; init; }

    [JsonPropertyName("antiAffinity")]
    public AntiAffinityRules? AntiAffinity { get; init; }

    [JsonPropertyName("affinity")]
    public AffinityRules? Affinity { get; init; }

    [JsonPropertyName("resourceConstraints")]
    public ResourceConstraints? ResourceConstraints { get; init; }

    [JsonPropertyName("securityConstraints")]
    public SecurityConstraints? SecurityConstraints { get; init; }

    /// <summary>Which policy wins when several apply (higher first).</summary>
    [JsonPropertyName("priority")]
    [Minimum(0)]
    [Maximum(1000)]
    public int? Priority { get; init; }

    [JsonPropertyName("weight")]
    [Minimum(1)]
    [Maximum(100)]
    public int? Weight { get; init; }
}
