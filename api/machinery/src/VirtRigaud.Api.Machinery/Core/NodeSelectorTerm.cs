using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 NodeSelectorTerm: label and field requirements that are ANDed; an empty term matches no node.</summary>
[MapType("atomic")]
public sealed record NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    [JsonPropertyName("matchExpressions")]
    [ListType("atomic")]
    public IReadOnlyList<NodeSelectorRequirement>? MatchExpressions { get; init; }

    /// <summary>Requirements on node fields (only <c>metadata.name</c> is supported by Kubernetes).</summary>
    [JsonPropertyName("matchFields")]
    [ListType("atomic")]
    public IReadOnlyList<NodeSelectorRequirement>? MatchFields { get; init; }
}
