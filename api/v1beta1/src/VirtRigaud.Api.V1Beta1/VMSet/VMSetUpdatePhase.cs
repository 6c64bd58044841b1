using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Where a roll-out of a new <see cref="VMSet"/> template is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMSetUpdatePhase>))]
public enum VMSetUpdatePhase
{
    Pending,
    InProgress,
    Paused,
    Completed,
    Failed,
}
