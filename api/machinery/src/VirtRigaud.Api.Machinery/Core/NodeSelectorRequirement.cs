using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>
/// core/v1 NodeSelectorRequirement: <see cref="Operator"/> is <c>In</c>, <c>NotIn</c>, <c>Exists</c>,
/// <c>DoesNotExist</c>, <c>Gt</c> or <c>Lt</c>; <c>Gt</c>/<c>Lt</c> take exactly one integer value.
/// </summary>
public sealed record NodeSelectorRequirement
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("operator")]
    public required string Operator { get; init; }

    [JsonPropertyName("values")]
    [ListType("atomic")]
    public IReadOnlyList<string>? Values { get; init; }
}
