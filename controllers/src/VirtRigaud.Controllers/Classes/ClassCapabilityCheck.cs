using System.Text.Json;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.Classes;

/// <summary>
/// Checks a VMClass against one Provider's reported capabilities (the cross-field rules that need no provider are
/// enforced by the API server already):
/// <code>
/// field                                          invalid when
/// diskDefaults.type                              not in supportedDiskTypes (case-insensitive; skipped when the
///                                                provider reports none)
/// performanceProfile.cpuHotAddEnabled /          true and supportsReconfigureOnline is not true
///   memoryHotAddEnabled
/// extraConfig["&lt;type&gt;.…"]                        (warning) prefixed for another provider type: ignored
/// </code>
/// Firmware is not checked: GetCapabilities has no firmware field. Pure and thread-safe.
/// </summary>
public static class ClassCapabilityCheck
{
    private static readonly string[] ProviderPrefixes = ["vsphere", "libvirt", "proxmox", "firecracker", "qemu", "mock"];

    /// <summary>The result for <paramref name="spec"/> on the Provider called <paramref name="provider"/> (without a validation time).</summary>
    public static ClassValidationResult Check(VMClassSpec spec, string provider, ProviderType type, ProviderReportedCapabilities capabilities)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        if (spec.DiskDefaults?.Type is { } diskType && capabilities.SupportedDiskTypes is { Count: > 0 } diskTypes)
        {
            var wire = WireName(diskType);
            if (!diskTypes.Contains(wire, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"spec.diskDefaults.type {wire} is not supported by Provider {provider} (supported: {string.Join(", ", diskTypes)})");
            }
        }

        if (capabilities.SupportsReconfigureOnline != true)
        {
            if (spec.PerformanceProfile?.CpuHotAddEnabled == true)
            {
                problems.Add($"spec.performanceProfile.cpuHotAddEnabled: Provider {provider} cannot add CPUs to a running VM (supportsReconfigureOnline=false)");
            }

            if (spec.PerformanceProfile?.MemoryHotAddEnabled == true)
            {
                problems.Add($"spec.performanceProfile.memoryHotAddEnabled: Provider {provider} cannot add memory to a running VM (supportsReconfigureOnline=false)");
            }
        }

        var typeName = WireName(type);
        foreach (var key in (spec.ExtraConfig?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && key[..dot] is var prefix && ProviderPrefixes.Contains(prefix, StringComparer.OrdinalIgnoreCase) && !string.Equals(prefix, typeName, StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"spec.extraConfig[{key}] applies to {prefix} providers; Provider {provider} ({typeName}) ignores it");
            }
        }

        return new ClassValidationResult
        {
            Valid = problems.Count == 0,
            Message = problems.Count == 0 ? $"valid on Provider {provider}" : string.Join("; ", problems),
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }

    /// <summary>The wire (JSON) name of a disk type, e.g. <c>eagerzeroedthick</c>.</summary>
    public static string WireName(DiskType type) => JsonSerializer.SerializeToElement(type, V1Beta1JsonContext.Default.DiskType).GetString() ?? "";

    /// <summary>The wire (JSON) name of a provider type, e.g. <c>vsphere</c>.</summary>
    public static string WireName(ProviderType type) => JsonSerializer.SerializeToElement(type, V1Beta1JsonContext.Default.ProviderType).GetString() ?? "";
}
