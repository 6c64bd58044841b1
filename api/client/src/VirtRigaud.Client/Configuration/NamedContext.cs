using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>A kubeconfig <c>contexts[]</c> entry.</summary>
public sealed record NamedContext
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("context")]
    public required KubeconfigContext Context { get; init; }
}
