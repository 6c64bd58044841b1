using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>A kubeconfig <c>users[]</c> entry.</summary>
public sealed record NamedUser
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("user")]
    public required KubeconfigUser User { get; init; }
}
