using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 PersistentVolumeClaim: a request for storage.</summary>
public sealed record PersistentVolumeClaim : IKubernetesObject
{
    public const string KindName = "PersistentVolumeClaim";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public PersistentVolumeClaimSpec? Spec { get; init; }

    [JsonPropertyName("status")]
    public PersistentVolumeClaimStatus? Status { get; init; }
}
