using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A vSphere port group (standard or distributed) and the NIC attached to it.</summary>
public sealed record VSphereNetworkConfig
{
    [JsonPropertyName("portgroup")]
    [MaxLength(255)]
    public string? Portgroup { get; init; }

    [JsonPropertyName("distributedSwitch")]
    public DistributedSwitchConfig? DistributedSwitch { get; init; }

    [JsonPropertyName("vlan")]
    public VLANConfig? Vlan { get; init; }

    [JsonPropertyName("security")]
    public VSphereNetworkSecurity? Security { get; init; }

    [JsonPropertyName("trafficShaping")]
    public TrafficShapingConfig? TrafficShaping { get; init; }

    /// <summary>The NIC's PCI slot, which fixes the guest interface name (192 ⇒ <c>ens192</c>).</summary>
    [JsonPropertyName("pciSlotNumber")]
    [Minimum(32)]
    [Maximum(1024)]
    public int? PciSlotNumber { get; init; }

    [JsonPropertyName("adapterType")]
    [Enum("vmxnet3", "e1000", "e1000e")]
    [Default("vmxnet3")]
    public string? AdapterType { get; init; }
}
