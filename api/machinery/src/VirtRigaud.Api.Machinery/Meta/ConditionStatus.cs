using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>The status of a <see cref="Condition"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    True,
    False,
    Unknown,
}
