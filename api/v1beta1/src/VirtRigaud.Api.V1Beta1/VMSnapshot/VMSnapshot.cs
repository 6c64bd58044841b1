using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMSnapshot: a point-in-time snapshot of one VirtualMachine in the same namespace, with optional memory state,
/// retention and (declared, not yet acted on) scheduling. Short name <c>vmsnap</c>.
/// </summary>
public sealed record VMSnapshot : IKubernetesObject
{
    public const string KindName = "VMSnapshot";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMSnapshotSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMSnapshotStatus? Status { get; init; }
}
