using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.AppsV1;

/// <summary>apps/v1 Deployment: replicated pods with rolling updates (how providers run in a cluster).</summary>
public sealed record Deployment : IKubernetesObject
{
    public const string KindName = "Deployment";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "apps/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public DeploymentSpec? Spec { get; init; }

    [JsonPropertyName("status")]
    public DeploymentStatus? Status { get; init; }
}
