using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 NodeSelector: the terms are ORed; a node matches when any term matches.</summary>
[MapType("atomic")]
public sealed record NodeSelector
{
    [JsonPropertyName("nodeSelectorTerms")]
    [ListType("atomic")]
    public required IReadOnlyList<NodeSelectorTerm> NodeSelectorTerms { get; init; }
}
