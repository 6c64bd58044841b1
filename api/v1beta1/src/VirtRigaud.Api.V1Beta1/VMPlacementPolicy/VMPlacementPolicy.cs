using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMPlacementPolicy: where VirtualMachines that reference it through <c>spec.placementRef</c> may and should run —
/// hard and soft infrastructure constraints, (anti-)affinity between VMs and to hosts, clusters, datastores and
/// zones, and resource and security requirements. Upstream only stores it; nothing evaluates it yet. Short name
/// <c>vmpp</c>.
/// </summary>
public sealed record VMPlacementPolicy : IKubernetesObject
{
    public const string KindName = "VMPlacementPolicy";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMPlacementPolicySpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMPlacementPolicyStatus? Status { get; init; }
}
