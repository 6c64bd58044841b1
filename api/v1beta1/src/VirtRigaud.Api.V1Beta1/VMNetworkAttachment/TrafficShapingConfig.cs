using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>vSphere traffic shaping; bandwidths in bits per second, burst size in bytes.</summary>
public sealed record TrafficShapingConfig
{
    [JsonPropertyName("enabled")]
    [Default(false)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("averageBandwidth")]
    [Minimum(1000)]
    public long? AverageBandwidth { get; init; }

    [JsonPropertyName("peakBandwidth")]
    [Minimum(1000)]
    public long? PeakBandwidth { get; init; }

    [JsonPropertyName("burstSize")]
    [Minimum(1024)]
    public long? BurstSize { get; init; }
}
