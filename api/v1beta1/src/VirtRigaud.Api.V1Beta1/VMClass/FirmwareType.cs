using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The firmware a VM boots with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FirmwareType>))]
public enum FirmwareType
{
    BIOS,
    UEFI,

    /// <summary>An alias of <see cref="UEFI"/>.</summary>
    EFI,
}
