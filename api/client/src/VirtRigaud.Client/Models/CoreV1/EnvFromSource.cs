using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 EnvFromSource: every key of a ConfigMap or Secret as environment variables.</summary>
public sealed record EnvFromSource
{
    [JsonPropertyName("prefix")]
    public string? Prefix { get; init; }

    [JsonPropertyName("configMapRef")]
    public ConfigMapEnvSource? ConfigMapRef { get; init; }

    [JsonPropertyName("secretRef")]
    public SecretEnvSource? SecretRef { get; init; }
}
