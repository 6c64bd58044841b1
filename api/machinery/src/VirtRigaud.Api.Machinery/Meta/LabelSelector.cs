using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.LabelSelector: <see cref="MatchLabels"/> and <see cref="MatchExpressions"/> are ANDed. An empty selector
/// matches everything; a <c>null</c> selector matches nothing. Convert with <see cref="Labels.Selector.FromLabelSelector"/>.
/// </summary>
[MapType("atomic")]
public sealed record LabelSelector
{
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    [JsonPropertyName("matchExpressions")]
    [ListType("atomic")]
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}
