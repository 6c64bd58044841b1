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

    /// <summary>Our addition: the in-memory mock hypervisor (<c>virtrigaud-provider-mock</c>), for tests, demos and the all-in-one.</summary>
    [JsonStringEnumMemberName("mock")]
    Mock,
}
