using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The staging area a <see cref="VMMigration"/> exports the disk to and imports it from. Exactly the block named by
/// <see cref="Type"/> is set.
/// </summary>
public sealed record MigrationStorage
{
    [JsonPropertyName("type")]
    [Default("pvc")]
    public required MigrationStorageType Type { get; init; }

    /// <summary><c>auto</c> resolves to <c>relay</c>; <c>direct</c> (hypervisor to storage) exists for NFS only.</summary>
    [JsonPropertyName("transferMode")]
    [Default("auto")]
    public MigrationTransferMode? TransferMode { get; init; }

    [JsonPropertyName("pvc")]
    public PvcStorageConfig? Pvc { get; init; }

    [JsonPropertyName("nfs")]
    public NfsStorageConfig? Nfs { get; init; }

    [JsonPropertyName("s3")]
    public S3StorageConfig? S3 { get; init; }
}
