using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Disk provisioning or media type. VirtualMachine disks accept all but <see cref="Nvme"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiskType>))]
public enum DiskType
{
    [JsonStringEnumMemberName("thin")]
    Thin,

    [JsonStringEnumMemberName("thick")]
    Thick,

    [JsonStringEnumMemberName("eagerzeroedthick")]
    EagerZeroedThick,

    [JsonStringEnumMemberName("ssd")]
    Ssd,

    [JsonStringEnumMemberName("hdd")]
    Hdd,

    [JsonStringEnumMemberName("nvme")]
    Nvme,
}
