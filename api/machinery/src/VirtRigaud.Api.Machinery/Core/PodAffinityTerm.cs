using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>
/// core/v1 PodAffinityTerm: the pods (selected by labels, in the given namespaces) whose nodes' value of
/// <see cref="TopologyKey"/> this pod should share (affinity) or avoid (anti-affinity).
/// </summary>
public sealed record PodAffinityTerm
{
    [JsonPropertyName("labelSelector")]
    public LabelSelector? LabelSelector { get; init; }

    /// <summary>Label keys whose values are taken from the incoming pod and ANDed into <see cref="LabelSelector"/> as <c>In</c>.</summary>
    [JsonPropertyName("matchLabelKeys")]
    [ListType("atomic")]
    public IReadOnlyList<string>? MatchLabelKeys { get; init; }

    /// <summary>Label keys whose values are taken from the incoming pod and ANDed into <see cref="LabelSelector"/> as <c>NotIn</c>.</summary>
    [JsonPropertyName("mismatchLabelKeys")]
    [ListType("atomic")]
    public IReadOnlyList<string>? MismatchLabelKeys { get; init; }

    /// <summary>
    /// Selects namespaces by label, ORed with <see cref="Namespaces"/>; <c>{}</c> selects every namespace. With both absent
    /// (or an empty list) the term applies to the pod's own namespace.
    /// </summary>
    [JsonPropertyName("namespaceSelector")]
    public LabelSelector? NamespaceSelector { get; init; }

    [JsonPropertyName("namespaces")]
    [ListType("atomic")]
    public IReadOnlyList<string>? Namespaces { get; init; }

    /// <summary>The node label whose value defines "the same topology domain", e.g. <c>kubernetes.io/hostname</c>.</summary>
    [JsonPropertyName("topologyKey")]
    public required string TopologyKey { get; init; }
}
