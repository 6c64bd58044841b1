using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 Volume with the sources VirtRigaud uses (secret, configMap, emptyDir, persistentVolumeClaim, hostPath, projected).</summary>
public sealed record Volume
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("secret")]
    public SecretVolumeSource? Secret { get; init; }

    [JsonPropertyName("configMap")]
    public ConfigMapVolumeSource? ConfigMap { get; init; }

    [JsonPropertyName("emptyDir")]
    public EmptyDirVolumeSource? EmptyDir { get; init; }

    [JsonPropertyName("persistentVolumeClaim")]
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; init; }

    [JsonPropertyName("hostPath")]
    public HostPathVolumeSource? HostPath { get; init; }

    [JsonPropertyName("projected")]
    public ProjectedVolumeSource? Projected { get; init; }
}
