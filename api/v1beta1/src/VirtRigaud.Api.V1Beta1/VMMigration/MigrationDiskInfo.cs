using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The exported and imported disk of a <see cref="VMMigration"/>.</summary>
public sealed record MigrationDiskInfo
{
    [JsonPropertyName("sourceDiskID")]
    public string? SourceDiskID { get; init; }

    [JsonPropertyName("sourceFormat")]
    public string? SourceFormat { get; init; }

    [JsonPropertyName("sourceSize")]
    public Quantity? SourceSize { get; init; }

    [JsonPropertyName("targetDiskID")]
    public string? TargetDiskID { get; init; }

    [JsonPropertyName("targetFormat")]
    public string? TargetFormat { get; init; }

    /// <summary>Where the target provider put the disk; becomes the target VM's <c>importedDisk.path</c>.</summary>
    [JsonPropertyName("targetPath")]
    public string? TargetPath { get; init; }

    [JsonPropertyName("targetSize")]
    public Quantity? TargetSize { get; init; }

    [JsonPropertyName("checksum")]
    public string? Checksum { get; init; }

    /// <summary>SHA-256 of the staged object as written by the export.</summary>
    [JsonPropertyName("sourceChecksum")]
    public string? SourceChecksum { get; init; }

    /// <summary>SHA-256 the import computed.</summary>
    [JsonPropertyName("targetChecksum")]
    public string? TargetChecksum { get; init; }
}
