using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The kind of hypervisor a <see cref="Provider"/> talks to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderType>))]
public enum ProviderType
{
    [JsonStringEnumMemberName("vsphere")]
    VSphere,

    [JsonStringEnumMemberName("libvirt")]
    Libvirt,

    [JsonStringEnumMemberName("firecracker")]
    Firecracker,

    [JsonStringEnumMemberName("qemu")]
    Qemu,

    [JsonStringEnumMemberName("proxmox")]
    Proxmox,
}
