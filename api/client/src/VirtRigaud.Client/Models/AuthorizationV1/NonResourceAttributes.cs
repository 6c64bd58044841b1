using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AuthorizationV1;

/// <summary>authorization.k8s.io/v1 NonResourceAttributes.</summary>
public sealed record NonResourceAttributes
{
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("verb")]
    public string? Verb { get; init; }
}
