using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.AuthenticationV1;

/// <summary>authentication.k8s.io/v1 TokenReview: asks the API server who a bearer token belongs to (create only). ToString never prints the token.</summary>
public sealed record TokenReview : IKubernetesObject
{
    public const string KindName = "TokenReview";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "authentication.k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required TokenReviewSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public TokenReviewStatus? Status { get; init; }
}
