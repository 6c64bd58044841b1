using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// One expression of a <see cref="LabelSelector"/>: <see cref="Operator"/> is <c>In</c>, <c>NotIn</c>, <c>Exists</c> or
/// <c>DoesNotExist</c>; <see cref="Values"/> must be non-empty for In/NotIn and empty otherwise.
/// </summary>
public sealed record LabelSelectorRequirement
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("operator")]
    public required string Operator { get; init; }

    [JsonPropertyName("values")]
    [ListType("atomic")]
    public IReadOnlyList<string>? Values { get; init; }
}
