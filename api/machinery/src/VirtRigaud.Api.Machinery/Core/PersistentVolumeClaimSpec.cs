using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 PersistentVolumeClaimSpec: the storage a claim asks for and how it may be provisioned.</summary>
public sealed record PersistentVolumeClaimSpec
{
    /// <summary><c>ReadWriteOnce</c>, <c>ReadOnlyMany</c>, <c>ReadWriteMany</c> or <c>ReadWriteOncePod</c>.</summary>
    [JsonPropertyName("accessModes")]
    [ListType("atomic")]
    public IReadOnlyList<string>? AccessModes { get; init; }

    /// <summary>An existing VolumeSnapshot or PersistentVolumeClaim to populate the volume from (same namespace).</summary>
    [JsonPropertyName("dataSource")]
    public TypedLocalObjectReference? DataSource { get; init; }

    /// <summary>Like <see cref="DataSource"/> but also any populator object, possibly in another namespace.</summary>
    [JsonPropertyName("dataSourceRef")]
    public TypedObjectReference? DataSourceRef { get; init; }

    [JsonPropertyName("resources")]
    public VolumeResourceRequirements? Resources { get; init; }

    /// <summary>Selects the existing PersistentVolumes the claim may bind to.</summary>
    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; init; }

    /// <summary>The StorageClass; absent means the cluster default, <c>""</c> means no class (static provisioning only).</summary>
    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; init; }

    [JsonPropertyName("volumeAttributesClassName")]
    public string? VolumeAttributesClassName { get; init; }

    /// <summary><c>Filesystem</c> (the Kubernetes default) or <c>Block</c>.</summary>
    [JsonPropertyName("volumeMode")]
    public string? VolumeMode { get; init; }

    /// <summary>Binds the claim to this PersistentVolume.</summary>
    [JsonPropertyName("volumeName")]
    public string? VolumeName { get; init; }
}
