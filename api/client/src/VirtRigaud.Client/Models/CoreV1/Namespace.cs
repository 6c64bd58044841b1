using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 Namespace (cluster-scoped).</summary>
public sealed record Namespace : IKubernetesObject
{
    public const string KindName = "Namespace";

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
    public NamespaceSpec? Spec { get; init; }

    [JsonPropertyName("status")]
    public NamespaceStatus? Status { get; init; }
}
