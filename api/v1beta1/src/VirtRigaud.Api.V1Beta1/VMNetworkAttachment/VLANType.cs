using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a port group tags traffic.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VLANType>))]
public enum VLANType
{
    /// <summary>Untagged.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>One VLAN (<c>vlanID</c>).</summary>
    [JsonStringEnumMemberName("vlan")]
    Vlan,

    /// <summary>A private VLAN (<c>primaryVlanID</c>, <c>secondaryVlanID</c>).</summary>
    [JsonStringEnumMemberName("pvlan")]
    Pvlan,

    /// <summary>Several VLANs passed through tagged (<c>trunkVlanIDs</c>).</summary>
    [JsonStringEnumMemberName("trunk")]
    Trunk,
}
