using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AuthorizationV1;

/// <summary>authorization.k8s.io/v1 SubjectAccessReviewStatus.</summary>
public sealed record SubjectAccessReviewStatus
{
    [JsonPropertyName("allowed")]
    public required bool Allowed { get; init; }

    [JsonPropertyName("denied")]
    public bool? Denied { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("evaluationError")]
    public string? EvaluationError { get; init; }
}
