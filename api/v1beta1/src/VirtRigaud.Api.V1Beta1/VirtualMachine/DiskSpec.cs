using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An additional disk of a VM.</summary>
public sealed record DiskSpec
{
    /// <summary>The disk's name, unique within the VM.</summary>
    [JsonPropertyName("name")]
    [MaxLength(63)]
    [Pattern(Patterns.Dns1123Label)]
    public required string Name { get; init; }

    [JsonPropertyName("sizeGiB")]
    [Minimum(1)]
    [Maximum(65536)]
    public required int SizeGiB { get; init; }

    /// <summary>Provisioning type; a VM disk cannot be <see cref="DiskType.Nvme"/>.</summary>
    [JsonPropertyName("type")]
    [Enum("thin", "thick", "eagerzeroedthick", "ssd", "hdd")]
    [Default("thin")]
    public DiskType? Type { get; init; }

    /// <summary>Whether the disk may grow while the VM runs.</summary>
    [JsonPropertyName("expandPolicy")]
    [Enum("Online", "Offline")]
    [Default("Offline")]
    public string? ExpandPolicy { get; init; }

    [JsonPropertyName("storageClass")]
    public string? StorageClass { get; init; }

    /// <summary>vSphere SCSI controller placement (upstream never forwards it to the provider).</summary>
    [JsonPropertyName("scsi")]
    public SCSIControllerSpec? Scsi { get; init; }
}
