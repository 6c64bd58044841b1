using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The VirtualMachine every replica of a <see cref="VMSet"/> is created from.</summary>
public sealed record VMSetTemplate
{
    /// <summary>
    /// Labels and annotations of the replicas. Upstream declared this a bare <c>type: object</c>, which would prune
    /// the labels the selector must match; our schema keeps the embedded-metadata fields (see the allow-list).
    /// </summary>
    [JsonPropertyName("metadata")]
    [EmbeddedObjectMeta]
    public ObjectMeta? Metadata { get; init; }

    [JsonPropertyName("spec")]
    public required VirtualMachineSpec Spec { get; init; }
}
