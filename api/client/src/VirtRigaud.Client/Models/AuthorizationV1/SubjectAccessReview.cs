using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.AuthorizationV1;

/// <summary>authorization.k8s.io/v1 SubjectAccessReview: asks whether a user may perform an action (create only).</summary>
public sealed record SubjectAccessReview : IKubernetesObject
{
    public const string KindName = "SubjectAccessReview";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "authorization.k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required SubjectAccessReviewSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public SubjectAccessReviewStatus? Status { get; init; }
}
