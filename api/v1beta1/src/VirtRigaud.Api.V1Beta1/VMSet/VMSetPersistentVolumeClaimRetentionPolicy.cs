using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The lifetime of claims created from <see cref="VMSetSpec.VolumeClaimTemplates"/>.</summary>
public sealed record VMSetPersistentVolumeClaimRetentionPolicy
{
    [JsonPropertyName("whenDeleted")]
    [Default("Retain")]
    public PersistentVolumeClaimRetentionPolicyType? WhenDeleted { get; init; }

    [JsonPropertyName("whenScaled")]
    [Default("Retain")]
    public PersistentVolumeClaimRetentionPolicyType? WhenScaled { get; init; }
}
