using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Defaults for the root disk of VMs of a class.</summary>
public sealed record DiskDefaults
{
    [JsonPropertyName("type")]
    [Default("thin")]
    public DiskType? Type { get; init; }

    [JsonPropertyName("size")]
    [Default("40Gi")]
    public Quantity? Size { get; init; }

    [JsonPropertyName("iops")]
    [Minimum(100)]
    [Maximum(100000)]
    public int? Iops { get; init; }

    [JsonPropertyName("storageClass")]
    [MaxLength(253)]
    public string? StorageClass { get; init; }
}
