using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.AdmissionRegistrationV1;

/// <summary>admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration (cluster-scoped).</summary>
public sealed record ValidatingWebhookConfiguration : IKubernetesObject
{
    public const string KindName = "ValidatingWebhookConfiguration";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "admissionregistration.k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("webhooks")]
    public IReadOnlyList<ValidatingWebhook>? Webhooks { get; init; }
}
