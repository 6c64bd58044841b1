using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMPlacementPolicy"/>.</summary>
public sealed record VMPlacementPolicyStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>VirtualMachines whose <c>spec.placementRef</c> names this policy.</summary>
    [JsonPropertyName("usedByVMs")]
    [MaxItems(1000)]
    public IReadOnlyList<LocalObjectReference>? UsedByVMs { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>Per provider: whether the policy can be honoured there.</summary>
    [JsonPropertyName("validationResults")]
    public IReadOnlyDictionary<string, PolicyValidationResult>? ValidationResults { get; init; }

    [JsonPropertyName("placementStats")]
    public PlacementStatistics? PlacementStats { get; init; }

    [JsonPropertyName("conflictingPolicies")]
    [MaxItems(50)]
    public IReadOnlyList<PolicyConflict>? ConflictingPolicies { get; init; }
}
