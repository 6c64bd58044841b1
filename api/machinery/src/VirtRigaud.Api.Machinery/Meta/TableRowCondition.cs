using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>A condition of a <see cref="TableRow"/>; <c>Completed</c> rows are hidden by kubectl unless asked for.</summary>
public sealed record TableRowCondition
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("status")]
    public required ConditionStatus Status { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
