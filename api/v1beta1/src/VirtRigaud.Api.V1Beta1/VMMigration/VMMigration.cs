using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMMigration: moves a VirtualMachine's disk from its provider to another provider (possibly another hypervisor
/// type) through a staging area (PVC, NFS or S3) and creates the target VirtualMachine from the imported disk.
/// Short name <c>vmmig</c>.
/// </summary>
public sealed record VMMigration : IKubernetesObject
{
    public const string KindName = "VMMigration";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMMigrationSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMMigrationStatus? Status { get; init; }
}
