using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A PersistentVolumeClaim as staging area: an existing claim by <see cref="Name"/>, or a claim created for the
/// migration from <see cref="StorageClassName"/> and <see cref="Size"/>. The migration and both providers must share
/// a namespace, because provider pods mount the claim.
/// </summary>
public sealed record PvcStorageConfig
{
    /// <summary>An existing claim in the migration's namespace.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; init; }

    /// <summary>Size of the created claim, e.g. <c>100Gi</c>.</summary>
    [JsonPropertyName("size")]
    [Pattern(@"^[0-9]+(\.[0-9]+)?(Ei?|Pi?|Ti?|Gi?|Mi?|Ki?)$")]
    public string? Size { get; init; }

    [JsonPropertyName("accessMode")]
    [Enum("ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany")]
    [Default("ReadWriteMany")]
    public string? AccessMode { get; init; }

    /// <summary>Where provider pods mount the claim.</summary>
    [JsonPropertyName("mountPath")]
    [Default("/mnt/migration-storage")]
    public string? MountPath { get; init; }
}
