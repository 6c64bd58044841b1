using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 VolumeProjection (secret, configMap or service-account token).</summary>
public sealed record VolumeProjection
{
    [JsonPropertyName("secret")]
    public SecretProjection? Secret { get; init; }

    [JsonPropertyName("configMap")]
    public ConfigMapProjection? ConfigMap { get; init; }

    [JsonPropertyName("serviceAccountToken")]
    public ServiceAccountTokenProjection? ServiceAccountToken { get; init; }
}
