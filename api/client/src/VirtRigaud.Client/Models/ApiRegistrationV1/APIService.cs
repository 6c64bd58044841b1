using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.ApiRegistrationV1;

/// <summary>apiregistration.k8s.io/v1 APIService: registers an aggregated API server for one group/version (cluster-scoped).</summary>
public sealed record APIService : IKubernetesObject
{
    public const string KindName = "APIService";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "apiregistration.k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public APIServiceSpec? Spec { get; init; }

    [JsonPropertyName("status")]
    public APIServiceStatus? Status { get; init; }
}
