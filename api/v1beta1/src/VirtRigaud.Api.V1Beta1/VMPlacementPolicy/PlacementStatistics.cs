using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Counters of the placements made under a <see cref="VMPlacementPolicy"/>.</summary>
public sealed record PlacementStatistics
{
    [JsonPropertyName("totalPlacements")]
    public int? TotalPlacements { get; init; }

    [JsonPropertyName("successfulPlacements")]
    public int? SuccessfulPlacements { get; init; }

    [JsonPropertyName("failedPlacements")]
    public int? FailedPlacements { get; init; }

    [JsonPropertyName("averagePlacementTime")]
    public Duration? AveragePlacementTime { get; init; }

    [JsonPropertyName("constraintViolations")]
    public int? ConstraintViolations { get; init; }

    [JsonPropertyName("lastPlacementTime")]
    public DateTimeOffset? LastPlacementTime { get; init; }

    /// <summary>VMs per host or cluster.</summary>
    [JsonPropertyName("placementDistribution")]
    public IReadOnlyDictionary<string, int>? PlacementDistribution { get; init; }
}
