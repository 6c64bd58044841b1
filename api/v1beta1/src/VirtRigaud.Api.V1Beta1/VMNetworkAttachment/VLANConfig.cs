using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VLAN tagging of a vSphere port group. Which IDs apply depends on <see cref="Type"/> (opt = allowed, - = forbidden):
/// <code>
/// type   | vlanID | trunkVlanIDs | primaryVlanID, secondaryVlanID
/// none   |  opt*  |      -       |   -
/// vlan   |  req   |      -       |   -
/// trunk  |   -    |     req      |   -
/// pvlan  |   -    |      -       |  req (and different)
/// </code>
/// * Upstream tags the port group with <see cref="VlanID"/> whatever the type, so <c>{vlanID: 100}</c> alone works.
/// </summary>
public sealed record VLANConfig
{
    [JsonPropertyName("type")]
    [Default("none")]
    public VLANType? Type { get; init; }

    [JsonPropertyName("vlanID")]
    [Minimum(1)]
    [Maximum(4094)]
    public int? VlanID { get; init; }

    [JsonPropertyName("trunkVlanIDs")]
    [MaxItems(100)]
    public IReadOnlyList<int>? TrunkVlanIDs { get; init; }

    [JsonPropertyName("primaryVlanID")]
    [Minimum(1)]
    [Maximum(4094)]
    public int? PrimaryVlanID { get; init; }

    [JsonPropertyName("secondaryVlanID")]
    [Minimum(1)]
    [Maximum(4094)]
    public int? SecondaryVlanID { get; init; }
}
