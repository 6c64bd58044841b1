using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMImage: a bootable disk image or template and where it comes from (vSphere template or content library, libvirt
/// volume or URL, HTTP download, container registry, DataVolume, Proxmox template). VMs reference it through
/// <c>spec.imageRef</c>; the VM controller imports it onto a provider on first use. Short name <c>vmimg</c>.
/// </summary>
public sealed record VMImage : IKubernetesObject
{
    public const string KindName = "VMImage";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMImageSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMImageStatus? Status { get; init; }
}
