using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// One column of a <see cref="Table"/>. <see cref="Type"/> is an OpenAPI type (<c>string</c>, <c>integer</c>,
/// <c>number</c>, <c>boolean</c>) or <c>date</c>, which kubectl renders as an age; <see cref="Priority"/> 0 columns are
/// the default view, higher ones appear with <c>-o wide</c>.
/// </summary>
public sealed record TableColumnDefinition
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("format")]
    public string Format { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("priority")]
    public int Priority { get; init; }
}
