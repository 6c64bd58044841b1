using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How addresses are allocated on a network.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IPAllocationType>))]
public enum IPAllocationType
{
    DHCP,
    Static,
    Pool,
    None,
}
