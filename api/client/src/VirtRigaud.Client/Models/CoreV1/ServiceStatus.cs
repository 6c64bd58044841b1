using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ServiceStatus.</summary>
public sealed record ServiceStatus
{
    [JsonPropertyName("loadBalancer")]
    public LoadBalancerStatus? LoadBalancer { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }
}
