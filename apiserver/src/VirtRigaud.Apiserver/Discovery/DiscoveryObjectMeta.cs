using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>The metadata of one <see cref="ApiGroupDiscovery"/>: only the group name.</summary>
public sealed record DiscoveryObjectMeta
{
    /// <summary>The group name; null (not written) for the legacy core group, as kube-apiserver writes it.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
