using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// CreateRequest.class_json: upstream contracts.VMClass. Go field names, every field always written (no json tags
/// upstream); see GoJson for the encoding rules. Built from a VMClass by ProviderPayloads.ClassFromSpec (CPU and
/// MemoryMiB from the class only; MemoryMiB = bytes / 1 MiB; DiskDefaults.SizeGiB = bytes / 1 GiB; memory limits
/// clamped to int32).
/// </summary>
public sealed record ClassPayload
{
    /// <summary>Virtual CPUs.</summary>
    [JsonPropertyName("CPU")]
    public int Cpu { get; init; }

    /// <summary>Memory in MiB.</summary>
    [JsonPropertyName("MemoryMiB")]
    public int MemoryMiB { get; init; }

    /// <summary>BIOS, UEFI or EFI as the class says.</summary>
    [JsonPropertyName("Firmware")]
    public string Firmware { get; init; } = "";

    /// <summary>Default root disk; null when the class has none.</summary>
    [JsonPropertyName("DiskDefaults")]
    public DiskDefaultsPayload? DiskDefaults { get; init; }

    [JsonPropertyName("GuestToolsPolicy")]
    public string GuestToolsPolicy { get; init; } = "";

    /// <summary>Provider-specific settings; null when the class has none, {} when it has an empty map.</summary>
    [JsonPropertyName("ExtraConfig")]
    public IReadOnlyDictionary<string, string>? ExtraConfig { get; init; }

    [JsonPropertyName("PerformanceProfile")]
    public PerformanceProfilePayload? PerformanceProfile { get; init; }

    [JsonPropertyName("SecurityProfile")]
    public SecurityProfilePayload? SecurityProfile { get; init; }

    [JsonPropertyName("ResourceLimits")]
    public ResourceLimitsPayload? ResourceLimits { get; init; }
}
