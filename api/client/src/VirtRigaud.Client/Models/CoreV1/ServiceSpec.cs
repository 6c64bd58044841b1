using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ServiceSpec.</summary>
public sealed record ServiceSpec
{
    [JsonPropertyName("ports")]
    public IReadOnlyList<ServicePort>? Ports { get; init; }

    /// <summary>Routes to pods with these labels.</summary>
    [JsonPropertyName("selector")]
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; init; }

    [JsonPropertyName("clusterIPs")]
    public IReadOnlyList<string>? ClusterIPs { get; init; }

    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("externalIPs")]
    public IReadOnlyList<string>? ExternalIPs { get; init; }

    [JsonPropertyName("sessionAffinity")]
    public string? SessionAffinity { get; init; }

    [JsonPropertyName("loadBalancerIP")]
    public string? LoadBalancerIP { get; init; }

    [JsonPropertyName("loadBalancerSourceRanges")]
    public IReadOnlyList<string>? LoadBalancerSourceRanges { get; init; }

    [JsonPropertyName("externalName")]
    public string? ExternalName { get; init; }

    [JsonPropertyName("externalTrafficPolicy")]
    public string? ExternalTrafficPolicy { get; init; }

    [JsonPropertyName("internalTrafficPolicy")]
    public string? InternalTrafficPolicy { get; init; }

    [JsonPropertyName("healthCheckNodePort")]
    public int? HealthCheckNodePort { get; init; }

    [JsonPropertyName("publishNotReadyAddresses")]
    public bool? PublishNotReadyAddresses { get; init; }

    [JsonPropertyName("ipFamilies")]
    public IReadOnlyList<string>? IPFamilies { get; init; }

    [JsonPropertyName("ipFamilyPolicy")]
    public string? IPFamilyPolicy { get; init; }

    [JsonPropertyName("allocateLoadBalancerNodePorts")]
    public bool? AllocateLoadBalancerNodePorts { get; init; }

    [JsonPropertyName("loadBalancerClass")]
    public string? LoadBalancerClass { get; init; }

    [JsonPropertyName("trafficDistribution")]
    public string? TrafficDistribution { get; init; }
}
