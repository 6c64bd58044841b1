using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ContainerPort.</summary>
public sealed record ContainerPort
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("hostPort")]
    public int? HostPort { get; init; }

    /// <summary>The port number in the container (<c>containerPort</c>).</summary>
    [JsonPropertyName("containerPort")]
    public required int ContainerPortNumber { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("hostIP")]
    public string? HostIP { get; init; }
}
