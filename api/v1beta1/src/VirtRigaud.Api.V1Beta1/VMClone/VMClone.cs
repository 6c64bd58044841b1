using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMClone: a one-shot request to copy an existing VirtualMachine into a new one (full or linked clone), optionally
/// customizing the guest. On success the clone controller creates the target VirtualMachine bound to the cloned
/// provider VM; the VMClone then stays as a record of the operation. Short name <c>vmclone</c>.
/// </summary>
public sealed record VMClone : IKubernetesObject
{
    public const string KindName = "VMClone";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMCloneSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMCloneStatus? Status { get; init; }
}
