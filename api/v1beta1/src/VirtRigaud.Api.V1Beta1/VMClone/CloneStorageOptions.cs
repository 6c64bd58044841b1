using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Where and how the cloned disks are stored.</summary>
public sealed record CloneStorageOptions
{
    /// <summary>
    /// Nullable so that an explicit <c>false</c> survives: upstream's omitempty bool flipped it back to the default
    /// <c>true</c> on every controller update.
    /// </summary>
    [JsonPropertyName("preferThinProvisioning")]
    [Default(true)]
    public bool? PreferThinProvisioning { get; init; }

    [JsonPropertyName("diskFormat")]
    public DiskType? DiskFormat { get; init; }

    [JsonPropertyName("storageClass")]
    [MaxLength(253)]
    public string? StorageClass { get; init; }

    [JsonPropertyName("datastore")]
    [MaxLength(255)]
    public string? Datastore { get; init; }

    /// <summary>Inventory folder of the cloned VM (vSphere).</summary>
    [JsonPropertyName("folder")]
    [MaxLength(255)]
    public string? Folder { get; init; }

    [JsonPropertyName("enableCompression")]
    [Default(false)]
    public bool? EnableCompression { get; init; }
}
