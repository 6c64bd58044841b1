using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Where on the provider the VM is placed. <see cref="Datastore"/> wins over <see cref="StoragePod"/>; upstream
/// forwards only datastore, storagePod, cluster and folder.
/// </summary>
public sealed record Placement
{
    [JsonPropertyName("cluster")]
    public string? Cluster { get; init; }

    [JsonPropertyName("host")]
    public string? Host { get; init; }

    [JsonPropertyName("datastore")]
    public string? Datastore { get; init; }

    /// <summary>A vSphere datastore cluster; the datastore with the most free space is used.</summary>
    [JsonPropertyName("storagePod")]
    public string? StoragePod { get; init; }

    [JsonPropertyName("folder")]
    public string? Folder { get; init; }

    [JsonPropertyName("resourcePool")]
    public string? ResourcePool { get; init; }
}
