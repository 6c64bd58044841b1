using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Another placement policy whose rules contradict this one's.</summary>
public sealed record PolicyConflict
{
    [JsonPropertyName("policyName")]
    public required string PolicyName { get; init; }

    [JsonPropertyName("conflictType")]
    [Enum("hard", "soft", "resource", "security", "affinity")]
    public required string ConflictType { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("severity")]
    [Enum("low", "medium", "high", "critical")]
    public string? Severity { get; init; }

    [JsonPropertyName("resolutionSuggestion")]
    public string? ResolutionSuggestion { get; init; }
}
