using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>The metadata of one <see cref="ApiGroupDiscovery"/>: only the group name.</summary>
public sealed record DiscoveryObjectMeta
{
    /// <summary>The group name; empty for the legacy core group.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}
