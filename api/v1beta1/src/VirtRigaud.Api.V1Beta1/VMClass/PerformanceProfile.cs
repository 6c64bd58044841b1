using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Performance tuning of VMs of a class.</summary>
public sealed record PerformanceProfile
{
    [JsonPropertyName("latencySensitivity")]
    [Enum("low", "normal", "high")]
    [Default("normal")]
    public string? LatencySensitivity { get; init; }

    [JsonPropertyName("cpuHotAddEnabled")]
    [Default(false)]
    public bool? CpuHotAddEnabled { get; init; }

    [JsonPropertyName("memoryHotAddEnabled")]
    [Default(false)]
    public bool? MemoryHotAddEnabled { get; init; }

    [JsonPropertyName("virtualizationBasedSecurity")]
    [Default(false)]
    public bool? VirtualizationBasedSecurity { get; init; }

    [JsonPropertyName("nestedVirtualization")]
    [Default(false)]
    public bool? NestedVirtualization { get; init; }

    [JsonPropertyName("hyperThreadingPolicy")]
    [Enum("auto", "prefer", "avoid", "require")]
    [Default("auto")]
    public string? HyperThreadingPolicy { get; init; }
}
