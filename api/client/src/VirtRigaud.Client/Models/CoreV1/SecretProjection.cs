using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 SecretProjection.</summary>
public sealed record SecretProjection
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}
