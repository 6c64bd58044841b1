using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// VMClass: a reusable hardware profile (CPU, memory, firmware, disk defaults, performance and security settings)
/// that VirtualMachines reference through <c>spec.classRef</c>. Short name <c>vmclass</c>.
/// </summary>
public sealed record VMClass : IKubernetesObject
{
    public const string KindName = "VMClass";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    [JsonPropertyName("metadata")]
    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public required VMClassSpec Spec { get; init; }

    [JsonPropertyName("status")]
    public VMClassStatus? Status { get; init; }
}
