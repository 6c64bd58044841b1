using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>One version of an <see cref="ApiGroupDiscovery"/> with its resources, sorted by resource name.</summary>
public sealed record ApiVersionDiscovery
{
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("resources")]
    public required IReadOnlyList<ApiResourceDiscovery> Resources { get; init; }

    /// <summary><c>Current</c> when the resources are known to be up to date (always, for a server's own groups).</summary>
    [JsonPropertyName("freshness")]
    public string Freshness { get; init; } = "Current";
}
