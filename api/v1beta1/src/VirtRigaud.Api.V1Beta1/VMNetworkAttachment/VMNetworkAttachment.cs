using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMNetworkAttachment: a network VMs connect to (vSphere port group, libvirt network or bridge, Proxmox bridge) and
/// how addresses are allocated on it. VMs reference it through <c>spec.networks[].networkRef</c>. Short name
/// <c>vmnet</c>.
/// </summary>
public sealed record VMNetworkAttachment : IKubernetesObject
{
    public const string KindName = "VMNetworkAttachment";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMNetworkAttachmentSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMNetworkAttachmentStatus? Status { get; init; }
}
