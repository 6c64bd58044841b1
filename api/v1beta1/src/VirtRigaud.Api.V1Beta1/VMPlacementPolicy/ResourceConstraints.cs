using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Capacity and hardware a host must offer to receive a VM.</summary>
public sealed record ResourceConstraints
{
    /// <summary>Free CPUs a host must have.</summary>
    [JsonPropertyName("minCPUPerHost")]
    [Minimum(1)]
    public int? MinCpuPerHost { get; init; }

    [JsonPropertyName("minMemoryPerHost")]
    public Quantity? MinMemoryPerHost { get; init; }

    [JsonPropertyName("minDiskSpacePerHost")]
    public Quantity? MinDiskSpacePerHost { get; init; }

    /// <summary>Percent.</summary>
    [JsonPropertyName("maxCPUUtilization")]
    [Minimum(0)]
    [Maximum(100)]
    public int? MaxCpuUtilization { get; init; }

    /// <summary>Percent.</summary>
    [JsonPropertyName("maxMemoryUtilization")]
    [Minimum(0)]
    [Maximum(100)]
    public int? MaxMemoryUtilization { get; init; }

    /// <summary>Percent.</summary>
    [JsonPropertyName("maxDiskUtilization")]
    [Minimum(0)]
    [Maximum(100)]
    public int? MaxDiskUtilization { get; init; }

    /// <summary>Hardware features a host must have, e.g. <c>avx512</c>.</summary>
    [JsonPropertyName("requiredFeatures")]
    [MaxItems(20)]
    public IReadOnlyList<string>? RequiredFeatures { get; init; }

    [JsonPropertyName("preferredFeatures")]
    [MaxItems(20)]
    public IReadOnlyList<string>? PreferredFeatures { get; init; }
}
