using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Provider: one hypervisor endpoint (vSphere, libvirt, Proxmox…) with its credentials, and the provider pod
/// (Deployment + Service, gRPC over mTLS) that talks to it on the manager's behalf. Short name <c>prov</c>.
/// The annotations in <see cref="ProviderAnnotations"/> ask for adoption of the hypervisor's existing VMs.
/// </summary>
public sealed record Provider : IKubernetesObject
{
    public const string KindName = "Provider";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required ProviderSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public ProviderStatus? Status { get; init; }
}
