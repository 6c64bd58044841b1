using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 LoadBalancerStatus.</summary>
public sealed record LoadBalancerStatus
{
    [JsonPropertyName("ingress")]
    public IReadOnlyList<LoadBalancerIngress>? Ingress { get; init; }
}
