using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Bounds of a rolling update: counts or percentages of the desired replicas.</summary>
public sealed record RollingUpdateVMSetStrategy
{
    /// <summary>Replicas that may be unavailable during the update: a count or a percentage (rounded down).</summary>
    [JsonPropertyName("maxUnavailable")]
    [Default("25%")]
    public IntOrString? MaxUnavailable { get; init; }

    /// <summary>Replicas that may exist above the desired count: a count or a percentage (rounded up).</summary>
    [JsonPropertyName("maxSurge")]
    [Default("25%")]
    public IntOrString? MaxSurge { get; init; }

    /// <summary>Only replicas with an ordinal at or above this are updated (staged roll-outs).</summary>
    [JsonPropertyName("partition")]
    [Minimum(0)]
    public int? Partition { get; init; }

    [JsonPropertyName("podManagementPolicy")]
    [Default("OrderedReady")]
    public VMSetPodManagementPolicyType? PodManagementPolicy { get; init; }
}
