using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoordinationV1;

/// <summary>coordination.k8s.io/v1 Lease: a lock with a holder and a lease duration (leader election, node heartbeats).</summary>
public sealed record Lease : IKubernetesObject
{
    public const string KindName = "Lease";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "coordination.k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    /// <summary>The holder and the timing of the lease.</summary>
    [JsonPropertyName("spec")]
    public LeaseSpec? Spec { get; init; }
}
