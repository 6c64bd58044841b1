using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Progress of guest customization of a clone.</summary>
public sealed record CustomizationStatus
{
    [JsonPropertyName("started")]
    public bool? Started { get; init; }

    [JsonPropertyName("completed")]
    public bool? Completed { get; init; }

    [JsonPropertyName("completedSteps")]
    public IReadOnlyList<string>? CompletedSteps { get; init; }

    [JsonPropertyName("failedSteps")]
    public IReadOnlyList<string>? FailedSteps { get; init; }

    [JsonPropertyName("currentStep")]
    public string? CurrentStep { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
