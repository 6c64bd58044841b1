using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Core;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A PersistentVolumeClaim stamped out once per replica of a <see cref="VMSet"/> (upstream's
/// <c>PersistentVolumeClaimTemplate</c>; renamed so it cannot be confused with core/v1's type of that name).
/// </summary>
public sealed record VMSetVolumeClaimTemplate
{
    /// <summary>
    /// The claim's name (prefix of the per-replica claims), labels and annotations. Upstream declared this a bare
    /// <c>type: object</c>, which would prune the name; our schema keeps the embedded-metadata fields (see the allow-list).
    /// </summary>
    [JsonPropertyName("metadata")]
    [EmbeddedObjectMeta]
    public ObjectMeta? Metadata { get; init; }

    [JsonPropertyName("spec")]
    public required PersistentVolumeClaimSpec Spec { get; init; }
}
