using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Progress of the current roll-out.</summary>
public sealed record VMSetUpdateStatus
{
    [JsonPropertyName("phase")]
    public VMSetUpdatePhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    /// <summary>Names of replicas already at the new revision.</summary>
    [JsonPropertyName("updatedVMs")]
    [MaxItems(1000)]
    public IReadOnlyList<string>? UpdatedVMs { get; init; }

    /// <summary>Names of replicas still to update.</summary>
    [JsonPropertyName("pendingVMs")]
    [MaxItems(1000)]
    public IReadOnlyList<string>? PendingVMs { get; init; }

    [JsonPropertyName("failedVMs")]
    [MaxItems(1000)]
    public IReadOnlyList<VMSetFailedVM>? FailedVMs { get; init; }
}
