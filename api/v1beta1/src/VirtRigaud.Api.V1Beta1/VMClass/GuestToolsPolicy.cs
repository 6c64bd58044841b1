using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>What to do with guest tools (VMware Tools, qemu-guest-agent).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GuestToolsPolicy>))]
public enum GuestToolsPolicy
{
    [JsonStringEnumMemberName("install")]
    Install,

    [JsonStringEnumMemberName("skip")]
    Skip,

    [JsonStringEnumMemberName("upgrade")]
    Upgrade,

    [JsonStringEnumMemberName("uninstall")]
    Uninstall,
}
