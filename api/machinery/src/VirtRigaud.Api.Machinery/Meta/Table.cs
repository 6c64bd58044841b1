using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// meta.k8s.io/v1 Table: the server-side rendering <c>kubectl get</c> asks for. Each row's cells align with
/// <see cref="ColumnDefinitions"/>; <see cref="TableRow.Object"/> holds the object, its metadata, or nothing,
/// as the request's <c>includeObject</c> says.
/// </summary>
public sealed record Table
{
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "Table";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "meta.k8s.io/v1";

    [JsonPropertyName("metadata")]
    public ListMeta Metadata { get; init; } = new();

    [JsonPropertyName("columnDefinitions")]
    public IReadOnlyList<TableColumnDefinition> ColumnDefinitions { get; init; } = [];

    [JsonPropertyName("rows")]
    public IReadOnlyList<TableRow> Rows { get; init; } = [];
}
