using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The desired hardware profile of a <see cref="VMClass"/>.</summary>
public sealed record VMClassSpec
{
    /// <summary>Virtual CPUs.</summary>
    [JsonPropertyName("cpu")]
    [Minimum(1)]
    [Maximum(128)]
    public required int Cpu { get; init; }

    /// <summary>Memory, e.g. <c>4Gi</c>.</summary>
    [JsonPropertyName("memory")]
    public required Quantity Memory { get; init; }

    /// <summary>Firmware; <c>EFI</c> is an alias of <c>UEFI</c>.</summary>
    [JsonPropertyName("firmware")]
    [Default("BIOS")]
    public FirmwareType? Firmware { get; init; }

    [JsonPropertyName("diskDefaults")]
    public DiskDefaults? DiskDefaults { get; init; }

    [JsonPropertyName("guestToolsPolicy")]
    [Default("install")]
    public GuestToolsPolicy? GuestToolsPolicy { get; init; }

    /// <summary>Provider-specific settings, e.g. <c>vsphere.hardwareVersion</c>.</summary>
    [JsonPropertyName("extraConfig")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? ExtraConfig { get; init; }

    [JsonPropertyName("resourceLimits")]
    public ResourceLimits? ResourceLimits { get; init; }

    [JsonPropertyName("performanceProfile")]
    public PerformanceProfile? PerformanceProfile { get; init; }

    [JsonPropertyName("securityProfile")]
    public SecurityProfile? SecurityProfile { get; init; }
}
