using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A label requirement on VMs: <see cref="VMSelectorOperator.In"/> and <see cref="VMSelectorOperator.NotIn"/> need
/// values; <see cref="VMSelectorOperator.Exists"/> and <see cref="VMSelectorOperator.DoesNotExist"/> take none.
/// </summary>
public sealed record VMSelectorRequirement
{
    [JsonPropertyName("key")]
    [MaxLength(253)]
    public required string Key { get; init; }

    [JsonPropertyName("operator")]
    public required VMSelectorOperator Operator { get; init; }

    [JsonPropertyName("values")]
    [MaxItems(50)]
    public IReadOnlyList<string>? Values { get; init; }
}
