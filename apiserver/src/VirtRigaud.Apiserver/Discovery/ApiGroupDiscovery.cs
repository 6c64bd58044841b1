using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>One group of an <see cref="ApiGroupDiscoveryList"/>; <see cref="Versions"/> are in preference order.</summary>
public sealed record ApiGroupDiscovery
{
    [JsonPropertyName("metadata")]
    public required DiscoveryObjectMeta Metadata { get; init; }

    /// <summary>The served versions, preferred first.</summary>
    [JsonPropertyName("versions")]
    public required IReadOnlyList<ApiVersionDiscovery> Versions { get; init; }
}
