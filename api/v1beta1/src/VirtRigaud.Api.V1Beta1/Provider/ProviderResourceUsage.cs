using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Capacity and usage of the hypervisor behind a <see cref="Provider"/>.</summary>
public sealed record ProviderResourceUsage
{
    [JsonPropertyName("cpu")]
    public ResourceUsageStats? Cpu { get; init; }

    [JsonPropertyName("memory")]
    public ResourceUsageStats? Memory { get; init; }

    [JsonPropertyName("storage")]
    public ResourceUsageStats? Storage { get; init; }

    [JsonPropertyName("network")]
    public NetworkUsageStats? Network { get; init; }
}
