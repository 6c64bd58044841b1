using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 SecretEnvSource.</summary>
public sealed record SecretEnvSource
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}
