using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>A kubeconfig <c>clusters[]</c> entry.</summary>
public sealed record NamedCluster
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("cluster")]
    public required KubeconfigCluster Cluster { get; init; }
}
