using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Placement used for VMs that do not say otherwise (vSphere terms).</summary>
public sealed record ProviderDefaults
{
    /// <summary>Wins over <see cref="StoragePod"/> when both are set.</summary>
    [JsonPropertyName("datastore")]
    [MaxLength(255)]
    public string? Datastore { get; init; }

    /// <summary>A datastore cluster; the member with the most free space is used.</summary>
    [JsonPropertyName("storagePod")]
    [MaxLength(255)]
    public string? StoragePod { get; init; }

    [JsonPropertyName("cluster")]
    [MaxLength(255)]
    public string? Cluster { get; init; }

    [JsonPropertyName("folder")]
    [MaxLength(255)]
    public string? Folder { get; init; }

    [JsonPropertyName("resourcePool")]
    [MaxLength(255)]
    public string? ResourcePool { get; init; }

    [JsonPropertyName("network")]
    [MaxLength(255)]
    public string? Network { get; init; }
}
