using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>The sizing the reconfigure case moves a VM to; <c>null</c> values are derived from the create class.</summary>
public sealed record ConformanceReconfigureInput
{
    /// <summary>vCPUs after the change; default the class's CPU + 1.</summary>
    [JsonPropertyName("cpu")]
    public int? Cpu { get; set; }

    /// <summary>Memory after the change, MiB; default twice the class's MemoryMiB.</summary>
    [JsonPropertyName("memoryMiB")]
    public int? MemoryMiB { get; set; }
}
