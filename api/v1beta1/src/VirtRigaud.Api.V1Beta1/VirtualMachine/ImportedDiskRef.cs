using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A disk that already exists on the provider and becomes the VM's root disk instead of an image.</summary>
public sealed record ImportedDiskRef
{
    /// <summary>The provider's identifier of the disk.</summary>
    [JsonPropertyName("diskID")]
    [MinLength(1)]
    [MaxLength(253)]
    public required string DiskID { get; init; }

    /// <summary>The disk's path on the provider's storage, when the provider needs it.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The disk format; <c>vdi</c> is accepted here although VMImage does not know it.</summary>
    [JsonPropertyName("format")]
    [Enum("qcow2", "vmdk", "raw", "vdi", "vhdx")]
    [Default("qcow2")]
    public string? Format { get; init; }

    /// <summary>How the disk came to exist (informational).</summary>
    [JsonPropertyName("source")]
    public ImportedDiskSource? Source { get; init; }

    /// <summary>The VMMigration that produced the disk; meaningful only with source <c>migration</c>.</summary>
    [JsonPropertyName("migrationRef")]
    public LocalObjectReference? MigrationRef { get; init; }

    [JsonPropertyName("sizeGiB")]
    [Minimum(1)]
    public int? SizeGiB { get; init; }
}
