using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMSet: keeps a number of identical VirtualMachines, stamped from a template and selected by labels, like a
/// StatefulSet does for pods (ordinals, rolling updates, per-replica volume claims). It has a <c>scale</c> subresource
/// (<c>.spec.replicas</c>, <c>.status.replicas</c>, <c>.status.selector</c>). Short name <c>vmset</c>.
/// </summary>
public sealed record VMSet : IKubernetesObject
{
    public const string KindName = "VMSet";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMSetSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMSetStatus? Status { get; init; }
}
