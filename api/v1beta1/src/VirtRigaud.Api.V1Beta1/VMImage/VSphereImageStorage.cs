using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>vSphere storage for an imported image.</summary>
public sealed record VSphereImageStorage
{
    [JsonPropertyName("datastore")]
    [MaxLength(255)]
    public string? Datastore { get; init; }

    [JsonPropertyName("folder")]
    [MaxLength(255)]
    public string? Folder { get; init; }

    [JsonPropertyName("thinProvisioned")]
    public bool? ThinProvisioned { get; init; }

    [JsonPropertyName("diskType")]
    [Enum("thin", "thick", "eagerzeroedthick")]
    public DiskType? DiskType { get; init; }
}
