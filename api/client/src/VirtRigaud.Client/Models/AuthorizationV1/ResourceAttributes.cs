using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AuthorizationV1;

/// <summary>authorization.k8s.io/v1 ResourceAttributes.</summary>
public sealed record ResourceAttributes
{
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("verb")]
    public string? Verb { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    [JsonPropertyName("subresource")]
    public string? Subresource { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
