using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// contracts.PerformanceProfile inside ClassPayload. Go field names, every field always written (no json tags
/// upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record PerformanceProfilePayload
{
    [JsonPropertyName("LatencySensitivity")]
    public string LatencySensitivity { get; init; } = "";

    [JsonPropertyName("CPUHotAddEnabled")]
    public bool CpuHotAddEnabled { get; init; }

    [JsonPropertyName("MemoryHotAddEnabled")]
    public bool MemoryHotAddEnabled { get; init; }

    [JsonPropertyName("VirtualizationBasedSecurity")]
    public bool VirtualizationBasedSecurity { get; init; }

    [JsonPropertyName("NestedVirtualization")]
    public bool NestedVirtualization { get; init; }

    [JsonPropertyName("HyperThreadingPolicy")]
    public string HyperThreadingPolicy { get; init; } = "";
}
