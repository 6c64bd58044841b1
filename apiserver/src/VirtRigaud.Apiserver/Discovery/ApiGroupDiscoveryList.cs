using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// The aggregated discovery document (<c>apidiscovery.k8s.io/v2</c> or <c>v2beta1</c> <c>APIGroupDiscoveryList</c>):
/// every group with its versions and resources in one answer to <c>GET /apis</c>. Both versions have identical fields;
/// only <see cref="ApiVersion"/> differs.
/// </summary>
public sealed record ApiGroupDiscoveryList
{
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "APIGroupDiscoveryList";

    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; init; }

    /// <summary>Always written as <c>{}</c>, as kube-apiserver does (an empty ListMeta).</summary>
    [JsonPropertyName("metadata")]
    public DiscoveryListMeta Metadata { get; init; } = new();

    [JsonPropertyName("items")]
    public required IReadOnlyList<ApiGroupDiscovery> Items { get; init; }
}
