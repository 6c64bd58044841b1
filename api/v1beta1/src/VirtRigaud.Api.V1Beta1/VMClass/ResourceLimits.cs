using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>CPU and memory limits, reservations and shares (vSphere semantics; MHz for CPU).</summary>
public sealed record ResourceLimits
{
    [JsonPropertyName("cpuLimit")]
    [Minimum(100)]
    [Maximum(100000)]
    public int? CpuLimit { get; init; }

    [JsonPropertyName("cpuReservation")]
    [Minimum(0)]
    [Maximum(100000)]
    public int? CpuReservation { get; init; }

    [JsonPropertyName("memoryLimit")]
    public Quantity? MemoryLimit { get; init; }

    [JsonPropertyName("memoryReservation")]
    public Quantity? MemoryReservation { get; init; }

    [JsonPropertyName("cpuShares")]
    [Minimum(1)]
    [Maximum(1000000)]
    public int? CpuShares { get; init; }
}
