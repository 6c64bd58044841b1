using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A libvirt virtual network or host bridge and the NIC model attached to it.</summary>
public sealed record LibvirtNetworkConfig
{
    /// <summary>A libvirt network (<c>virsh net-list</c>), e.g. <c>default</c>.</summary>
    [JsonPropertyName("networkName")]
    [MaxLength(255)]
    public string? NetworkName { get; init; }

    [JsonPropertyName("bridge")]
    public LibvirtBridgeConfig? Bridge { get; init; }

    [JsonPropertyName("model")]
    [Enum("virtio", "e1000", "e1000e", "rtl8139", "pcnet", "ne2k_pci")]
    [Default("virtio")]
    public string? Model { get; init; }

    [JsonPropertyName("driver")]
    public LibvirtNetworkDriver? Driver { get; init; }

    [JsonPropertyName("filterRef")]
    public LibvirtNetworkFilterRef? FilterRef { get; init; }
}
