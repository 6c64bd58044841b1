using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMClone"/>.</summary>
public sealed record VMCloneStatus
{
    /// <summary>The VirtualMachine created for the clone, once bound.</summary>
    [JsonPropertyName("targetRef")]
    public LocalObjectReference? TargetRef { get; init; }

    /// <summary>The provider's ID of the cloned VM.</summary>
    [JsonPropertyName("targetVMID")]
    public string? TargetVmId { get; init; }

    [JsonPropertyName("phase")]
    public ClonePhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The provider task of the running clone, polled until complete.</summary>
    [JsonPropertyName("taskRef")]
    public string? TaskRef { get; init; }

    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; init; }

    /// <summary>The clone type actually used, which may differ from the requested one.</summary>
    [JsonPropertyName("actualCloneType")]
    public CloneType? ActualCloneType { get; init; }

    [JsonPropertyName("progress")]
    public CloneProgress? Progress { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("retryCount")]
    public int? RetryCount { get; init; }

    [JsonPropertyName("lastRetryTime")]
    public DateTimeOffset? LastRetryTime { get; init; }

    [JsonPropertyName("customizationStatus")]
    public CustomizationStatus? CustomizationStatus { get; init; }
}
