using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Infrastructure a VM may be placed on (allow-lists; empty = any) and must avoid (the <c>excluded…</c> lists). Used
/// both as hard and as soft constraints of a <see cref="VMPlacementPolicySpec"/>.
/// </summary>
public sealed record PlacementConstraints
{
    [JsonPropertyName("clusters")]
    [MaxItems(50)]
    public IReadOnlyList<string>? Clusters { get; init; }

    [JsonPropertyName("datastores")]
    [MaxItems(100)]
    public IReadOnlyList<string>? Datastores { get; init; }

    [JsonPropertyName("hosts")]
    [MaxItems(200)]
    public IReadOnlyList<string>? Hosts { get; init; }

    [JsonPropertyName("folders")]
    [MaxItems(50)]
    public IReadOnlyList<string>? Folders { get; init; }

    [JsonPropertyName("resourcePools")]
    [MaxItems(100)]
    public IReadOnlyList<string>? ResourcePools { get; init; }

    [JsonPropertyName("networks")]
    [MaxItems(50)]
    public IReadOnlyList<string>? Networks { get; init; }

    [JsonPropertyName("zones")]
    [MaxItems(20)]
    public IReadOnlyList<string>? Zones { get; init; }

    [JsonPropertyName("regions")]
    [MaxItems(20)]
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Host labels a libvirt host must carry.</summary>
    [JsonPropertyName("nodeSelector")]
    [MaxProperties(20)]
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    [JsonPropertyName("tolerations")]
    [MaxItems(20)]
    public IReadOnlyList<VMToleration>? Tolerations { get; init; }

    [JsonPropertyName("excludedClusters")]
    [MaxItems(50)]
    public IReadOnlyList<string>? ExcludedClusters { get; init; }

    [JsonPropertyName("excludedHosts")]
    [MaxItems(200)]
    public IReadOnlyList<string>? ExcludedHosts { get; init; }

    [JsonPropertyName("excludedDatastores")]
    [MaxItems(100)]
    public IReadOnlyList<string>? ExcludedDatastores { get; init; }
}
