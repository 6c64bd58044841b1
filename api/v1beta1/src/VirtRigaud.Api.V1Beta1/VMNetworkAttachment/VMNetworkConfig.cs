using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The provider-side network of a <see cref="VMNetworkAttachment"/>, per provider type.</summary>
public sealed record VMNetworkConfig
{
    [JsonPropertyName("vsphere")]
    public VSphereNetworkConfig? VSphere { get; init; }

    [JsonPropertyName("libvirt")]
    public LibvirtNetworkConfig? Libvirt { get; init; }

    [JsonPropertyName("proxmox")]
    public ProxmoxNetworkConfig? Proxmox { get; init; }

    [JsonPropertyName("type")]
    [Default("bridged")]
    public NetworkType? Type { get; init; }

    [JsonPropertyName("mtu")]
    [Minimum(68)]
    [Maximum(9000)]
    [Default(1500)]
    public int? Mtu { get; init; }
}
