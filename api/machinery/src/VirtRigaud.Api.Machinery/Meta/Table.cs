using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// meta.k8s.io/v1 Table: the server-side rendering <c>kubectl get</c> asks for. Each row's cells align with
/// <see cref="ColumnDefinitions"/>; <see cref="TableRow.Object"/> holds the object, its metadata, or nothing,
/// as the request's <c>includeObject</c> says.
/// </summary>
public sealed record Table
{
    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("kind")]
    public string Kind { get; init => field = value ?? "Table"; } = "Table";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init => field = value ?? "meta.k8s.io/v1"; } = "meta.k8s.io/v1";

    [JsonPropertyName("metadata")]
    public ListMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("columnDefinitions")]
    public IReadOnlyList<TableColumnDefinition> ColumnDefinitions { get; init => field = value ?? []; } = [];

    [JsonPropertyName("rows")]
    public IReadOnlyList<TableRow> Rows { get; init => field = value ?? []; } = [];
}
