using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 VolumeMount.</summary>
public sealed record VolumeMount
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; init; }

    [JsonPropertyName("mountPath")]
    public required string MountPath { get; init; }

    [JsonPropertyName("subPath")]
    public string? SubPath { get; init; }

    [JsonPropertyName("mountPropagation")]
    public string? MountPropagation { get; init; }

    [JsonPropertyName("subPathExpr")]
    public string? SubPathExpr { get; init; }

    [JsonPropertyName("recursiveReadOnly")]
    public string? RecursiveReadOnly { get; init; }
}
