using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A set of VMs (by labels, in some namespaces) and the topology domain (<see cref="TopologyKey"/>, e.g. a host or a
/// zone) within which the rule applies to them, as core/v1 PodAffinityTerm.
/// </summary>
public sealed record VMAffinityTerm
{
    [JsonPropertyName("labelSelector")]
    public LabelSelector? LabelSelector { get; init; }

    /// <summary>Namespaces of the VMs to consider; empty with no <see cref="NamespaceSelector"/> = the policy's.</summary>
    [JsonPropertyName("namespaces")]
    [MaxItems(20)]
    public IReadOnlyList<string>? Namespaces { get; init; }

    [JsonPropertyName("namespaceSelector")]
    public LabelSelector? NamespaceSelector { get; init; }

    /// <summary>The topology label key, e.g. <c>topology.kubernetes.io/zone</c>; must not be empty.</summary>
    [JsonPropertyName("topologyKey")]
    [MaxLength(253)]
    public required string TopologyKey { get; init; }

    /// <summary>More label requirements on the VMs, ANDed with <see cref="LabelSelector"/>.</summary>
    [JsonPropertyName("matchExpressions")]
    [MaxItems(20)]
    public IReadOnlyList<VMSelectorRequirement>? MatchExpressions { get; init; }
}
