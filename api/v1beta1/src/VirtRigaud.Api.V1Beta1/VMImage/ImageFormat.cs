using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A disk image or appliance format. Fields that accept only some formats narrow it with <c>[Enum]</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImageFormat>))]
public enum ImageFormat
{
    [JsonStringEnumMemberName("qcow2")]
    Qcow2,

    [JsonStringEnumMemberName("raw")]
    Raw,

    [JsonStringEnumMemberName("vmdk")]
    Vmdk,

    [JsonStringEnumMemberName("vhd")]
    Vhd,

    [JsonStringEnumMemberName("vhdx")]
    Vhdx,

    [JsonStringEnumMemberName("iso")]
    Iso,

    [JsonStringEnumMemberName("ova")]
    Ova,

    [JsonStringEnumMemberName("ovf")]
    Ovf,
}
