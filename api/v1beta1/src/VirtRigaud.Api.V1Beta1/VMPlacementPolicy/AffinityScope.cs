using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Whether an infrastructure (anti-)affinity rule must hold or should hold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AffinityScope>))]
public enum AffinityScope
{
    [JsonStringEnumMemberName("strict")]
    Strict,

    [JsonStringEnumMemberName("preferred")]
    Preferred,
}
