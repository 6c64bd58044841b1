using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 TopologySpreadConstraint.</summary>
public sealed record TopologySpreadConstraint
{
    [JsonPropertyName("maxSkew")]
    public required int MaxSkew { get; init; }

    [JsonPropertyName("topologyKey")]
    public required string TopologyKey { get; init; }

    [JsonPropertyName("whenUnsatisfiable")]
    public required string WhenUnsatisfiable { get; init; }

    [JsonPropertyName("labelSelector")]
    public LabelSelector? LabelSelector { get; init; }

    [JsonPropertyName("minDomains")]
    public int? MinDomains { get; init; }

    [JsonPropertyName("nodeAffinityPolicy")]
    public string? NodeAffinityPolicy { get; init; }

    [JsonPropertyName("nodeTaintsPolicy")]
    public string? NodeTaintsPolicy { get; init; }

    [JsonPropertyName("matchLabelKeys")]
    public IReadOnlyList<string>? MatchLabelKeys { get; init; }
}
