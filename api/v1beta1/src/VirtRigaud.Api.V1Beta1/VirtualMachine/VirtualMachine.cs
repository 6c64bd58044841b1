using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VirtualMachine: one virtual machine on one provider (vSphere, libvirt, Proxmox), built from a
/// <see cref="VMClass"/> and either a <see cref="VMImage"/> or an already imported disk. Short name <c>vm</c>.
/// </summary>
/// <remarks>
/// Upstream declares a scale subresource over <c>.spec.replicas</c>/<c>.status.replicas</c>, fields that do not
/// exist; a single VM has no replicas, so neither the fields nor the subresource are modelled.
/// </remarks>
public sealed record VirtualMachine : IKubernetesObject
{
    public const string KindName = "VirtualMachine";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VirtualMachineSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VirtualMachineStatus? Status { get; init; }
}
