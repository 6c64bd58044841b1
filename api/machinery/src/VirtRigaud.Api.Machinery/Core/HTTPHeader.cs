using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 HTTPHeader: a header sent with an HTTP probe.</summary>
public sealed record HTTPHeader
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }
}
