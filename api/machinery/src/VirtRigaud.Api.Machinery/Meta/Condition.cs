using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.Condition: one aspect of an object's observed state. <see cref="ObservedGeneration"/> is the
/// <c>metadata.generation</c> the condition was computed from; <see cref="LastTransitionTime"/> changes only when
/// <see cref="Status"/> changes. Use <see cref="Conditions"/> to set and read them.
/// </summary>
public sealed record Condition
{
    /// <summary>CamelCase type, e.g. <c>Ready</c>; unique within the list.</summary>
    [JsonPropertyName("type")]
    [MaxLength(316)]
    [Pattern(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")]
    public required string Type { get; init; }

    [JsonPropertyName("status")]
    public required ConditionStatus Status { get; init; }

    [JsonPropertyName("observedGeneration")]
    [Minimum(0)]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("lastTransitionTime")]
    public required DateTimeOffset LastTransitionTime { get; init; }

    /// <summary>A CamelCase machine-readable reason for the last transition.</summary>
    [JsonPropertyName("reason")]
    [MinLength(1)]
    [MaxLength(1024)]
    [Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    public required string Reason { get; init; }

    /// <summary>Human-readable details; may be empty.</summary>
    [JsonPropertyName("message")]
    [MaxLength(32768)]
    public required string Message { get; init; }
}
