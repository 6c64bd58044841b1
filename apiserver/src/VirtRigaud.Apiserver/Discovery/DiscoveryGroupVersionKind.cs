using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>A group/version/kind as aggregated discovery writes it (all three fields always present).</summary>
public sealed record DiscoveryGroupVersionKind
{
    [JsonPropertyName("group")]
    public required string Group { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }
}
