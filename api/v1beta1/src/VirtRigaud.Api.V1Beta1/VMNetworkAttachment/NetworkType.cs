using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a network connects VMs to the outside world.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NetworkType>))]
public enum NetworkType
{
    [JsonStringEnumMemberName("bridged")]
    Bridged,

    [JsonStringEnumMemberName("nat")]
    Nat,

    [JsonStringEnumMemberName("isolated")]
    Isolated,

    [JsonStringEnumMemberName("host-only")]
    HostOnly,

    [JsonStringEnumMemberName("external")]
    External,
}
