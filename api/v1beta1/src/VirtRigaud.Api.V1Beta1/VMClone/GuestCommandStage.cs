using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>When a <see cref="GuestCommand"/> runs relative to guest customization.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GuestCommandStage>))]
public enum GuestCommandStage
{
    [JsonStringEnumMemberName("pre-customization")]
    PreCustomization,

    [JsonStringEnumMemberName("post-customization")]
    PostCustomization,

    [JsonStringEnumMemberName("first-boot")]
    FirstBoot,
}
