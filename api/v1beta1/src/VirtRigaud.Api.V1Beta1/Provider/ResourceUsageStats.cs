using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Capacity and usage of one resource of a hypervisor.</summary>
public sealed record ResourceUsageStats
{
    [JsonPropertyName("total")]
    public long? Total { get; init; }

    [JsonPropertyName("used")]
    public long? Used { get; init; }

    [JsonPropertyName("available")]
    public long? Available { get; init; }

    [JsonPropertyName("usagePercent")]
    public int? UsagePercent { get; init; }
}
