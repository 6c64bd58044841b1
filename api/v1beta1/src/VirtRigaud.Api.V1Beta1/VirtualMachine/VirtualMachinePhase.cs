using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The coarse lifecycle phase of a <see cref="VirtualMachine"/>; readiness is the <c>Ready</c> condition.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VirtualMachinePhase>))]
public enum VirtualMachinePhase
{
    Pending,
    Provisioning,
    Running,
    Stopped,
    Reconfiguring,
    Deleting,
    Failed,
}
