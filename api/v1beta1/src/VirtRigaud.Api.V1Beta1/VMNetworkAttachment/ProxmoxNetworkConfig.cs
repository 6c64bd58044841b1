using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A Proxmox VE bridge and the NIC attached to it.</summary>
public sealed record ProxmoxNetworkConfig
{
    [JsonPropertyName("bridge")]
    [MaxLength(15)]
    [Pattern("^vmbr[0-9]+$")]
    public string? Bridge { get; init; }

    [JsonPropertyName("model")]
    [Enum("virtio", "e1000", "rtl8139", "vmxnet3")]
    [Default("virtio")]
    public string? Model { get; init; }

    [JsonPropertyName("vlanTag")]
    [Minimum(1)]
    [Maximum(4094)]
    public int? VlanTag { get; init; }

    [JsonPropertyName("firewall")]
    [Default(false)]
    public bool? Firewall { get; init; }

    /// <summary>Rate limit in MB/s.</summary>
    [JsonPropertyName("rateLimit")]
    [Minimum(1)]
    public int? RateLimit { get; init; }

    [JsonPropertyName("mtu")]
    [Minimum(68)]
    [Maximum(65520)]
    public int? Mtu { get; init; }
}
