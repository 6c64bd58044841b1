using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>One subresource (<c>status</c>, <c>scale</c>, …) of an <see cref="ApiResourceDiscovery"/>.</summary>
public sealed record ApiSubresourceDiscovery
{
    [JsonPropertyName("subresource")]
    public required string Subresource { get; init; }

    /// <summary>What the subresource returns; <c>autoscaling/v1 Scale</c> for <c>scale</c>.</summary>
    [JsonPropertyName("responseKind")]
    public required DiscoveryGroupVersionKind ResponseKind { get; init; }

    /// <summary>Kinds accepted in request bodies when they differ from <see cref="ResponseKind"/>.</summary>
    [JsonPropertyName("acceptedTypes")]
    public IReadOnlyList<DiscoveryGroupVersionKind>? AcceptedTypes { get; init; }

    [JsonPropertyName("verbs")]
    public required IReadOnlyList<string> Verbs { get; init; }
}
