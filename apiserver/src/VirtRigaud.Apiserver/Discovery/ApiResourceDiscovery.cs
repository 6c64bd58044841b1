using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>One resource of an <see cref="ApiVersionDiscovery"/>, its subresources nested (unlike legacy discovery).</summary>
public sealed record ApiResourceDiscovery
{
    /// <summary>The plural resource name, e.g. <c>virtualmachines</c>.</summary>
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    /// <summary>
    /// What the resource returns. Always set: client-go 0.26.0–0.26.3 crashed on a null kind
    /// (kubernetes/kubernetes#118361).
    /// </summary>
    [JsonPropertyName("responseKind")]
    public required DiscoveryGroupVersionKind ResponseKind { get; init; }

    /// <summary><c>Namespaced</c> or <c>Cluster</c>.</summary>
    [JsonPropertyName("scope")]
    public required string Scope { get; init; }

    [JsonPropertyName("singularResource")]
    public required string SingularResource { get; init; }

    [JsonPropertyName("verbs")]
    public required IReadOnlyList<string> Verbs { get; init; }

    [JsonPropertyName("shortNames")]
    public IReadOnlyList<string>? ShortNames { get; init; }

    [JsonPropertyName("categories")]
    public IReadOnlyList<string>? Categories { get; init; }

    [JsonPropertyName("subresources")]
    public IReadOnlyList<ApiSubresourceDiscovery>? Subresources { get; init; }
}
