using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A libvirt image: a volume already on the host (<see cref="Path"/>) or a file to download (<see cref="Url"/>).</summary>
public sealed record LibvirtImageSource
{
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("url")]
    [Pattern("^(https?|ftp)://.*")]
    public string? Url { get; init; }

    [JsonPropertyName("format")]
    [Default("qcow2")]
    public ImageFormat? Format { get; init; }

    [JsonPropertyName("checksum")]
    public string? Checksum { get; init; }

    [JsonPropertyName("checksumType")]
    [Default("sha256")]
    public ChecksumType? ChecksumType { get; init; }

    [JsonPropertyName("storagePool")]
    [MaxLength(255)]
    public string? StoragePool { get; init; }
}
