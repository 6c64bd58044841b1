using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>One row of a <see cref="Table"/>: cells are JSON values (string, number, boolean or null).</summary>
public sealed record TableRow
{
    [JsonPropertyName("cells")]
    public required IReadOnlyList<JsonElement> Cells { get; init; }

    /// <summary>The object (full, PartialObjectMetadata, or absent) the row renders.</summary>
    [JsonPropertyName("object")]
    public JsonElement? Object { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<TableRowCondition>? Conditions { get; init; }
}
