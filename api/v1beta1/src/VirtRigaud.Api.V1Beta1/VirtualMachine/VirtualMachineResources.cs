using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>CPU, memory and GPU of a VM: a desired override of its class, or the resources observed in status.</summary>
public sealed record VirtualMachineResources
{
    [JsonPropertyName("cpu")]
    [Minimum(1)]
    [Maximum(128)]
    public int? Cpu { get; init; }

    [JsonPropertyName("memoryMiB")]
    [Minimum(128)]
    [Maximum(1048576)]
    public long? MemoryMiB { get; init; }

    [JsonPropertyName("gpu")]
    public GPUSpec? Gpu { get; init; }
}
