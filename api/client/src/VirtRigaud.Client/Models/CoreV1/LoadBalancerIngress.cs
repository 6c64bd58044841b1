using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 LoadBalancerIngress.</summary>
public sealed record LoadBalancerIngress
{
    [JsonPropertyName("ip")]
    public string? IP { get; init; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; init; }

    [JsonPropertyName("ipMode")]
    public string? IPMode { get; init; }
}
