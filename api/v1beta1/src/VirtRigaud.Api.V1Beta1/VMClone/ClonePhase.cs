using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Where a clone operation is. <see cref="Ready"/> and <see cref="Failed"/> are terminal.
/// <code>
/// Pending → Preparing → Cloning → Customizing → Powering-On → Ready
///    └──────────┴──────────┴───────────┴─────────────┴──→ Failed
/// </code>
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClonePhase>))]
public enum ClonePhase
{
    Pending,
    Preparing,
    Cloning,
    Customizing,

    [JsonStringEnumMemberName("Powering-On")]
    PoweringOn,

    Ready,
    Failed,
}
