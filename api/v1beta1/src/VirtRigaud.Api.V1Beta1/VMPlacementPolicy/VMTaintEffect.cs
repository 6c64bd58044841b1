using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>What a host taint does to VMs that do not tolerate it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMTaintEffect>))]
public enum VMTaintEffect
{
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
}
