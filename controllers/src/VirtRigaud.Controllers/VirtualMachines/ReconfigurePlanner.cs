using System.Globalization;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// Decides what a Reconfigure changes and whether it can happen while the VM runs. Pure and thread-safe.
/// <code>
/// change                      applied online when                                      else
/// CPU / memory increase       provider supportsReconfigureOnline                       power-cycle (RestartRequired)
/// CPU / memory decrease       never (no hot-remove)                                    power-cycle
/// root disk growth (class)    provider supportsDiskExpansionOnline                     power-cycle
/// disk growth (spec.disks)    supportsDiskExpansionOnline and expandPolicy Online       power-cycle
/// new disk (spec.disks)       supportsDiskExpansionOnline                              power-cycle
/// disk shrink                 refused (ValidationError naming the disk); the disk keeps its size
/// disk removed from spec      nothing (providers never remove disks)
/// </code>
/// CPU/memory are compared with <c>status.currentResources</c>; disks with the sizes the provider reports. The root
/// disk may be larger than the class asks because the image is (a cloud image, a template): that is not a shrink;
/// only lowering the class below what was applied is.
/// </summary>
public static class ReconfigurePlanner
{
    /// <summary>The plan for <paramref name="desired"/> against <paramref name="observed"/>.</summary>
    public static ReconfigurePlan Plan(DesiredHardware desired, ObservedHardware observed, ProviderReportedCapabilities? capabilities)
    {
        var reconfigureOnline = capabilities?.SupportsReconfigureOnline == true;
        var diskOnline = capabilities?.SupportsDiskExpansionOnline == true;
        var changes = new List<string>();
        var refusals = new List<string>();
        var online = true;

        if (observed.Current is { Cpu: { } cpu, MemoryMiB: { } memoryMiB })
        {
            if (cpu != desired.Cpu)
            {
                changes.Add(Text($"{cpu} → {desired.Cpu} vCPU"));
                online &= reconfigureOnline && desired.Cpu > cpu;
            }

            if (memoryMiB != desired.MemoryMiB)
            {
                changes.Add(Text($"{memoryMiB} → {desired.MemoryMiB} MiB memory"));
                online &= reconfigureOnline && desired.MemoryMiB > memoryMiB;
            }
        }

        var primary = 0;
        if (desired.PrimaryDiskGiB is { } wanted)
        {
            var wantedBytes = wanted * DesiredHardware.GiB;
            if (observed.PrimaryDiskBytes is { } actual)
            {
                if (wantedBytes > actual)
                {
                    primary = wanted;
                    changes.Add(Text($"root disk {ToGiB(actual)} → {wanted} GiB"));
                    online &= diskOnline;
                }
                else if (wantedBytes < actual && observed.AppliedPrimaryDiskGiB is { } applied && wanted < applied)
                {
                    refusals.Add(Text($"the VMClass's diskDefaults.size {wanted}Gi is smaller than the root disk's {ToGiB(actual)} GiB: disks cannot shrink"));
                }
            }
            else if (observed.AppliedPrimaryDiskGiB is { } applied)
            {
                if (wanted > applied)
                {
                    primary = wanted;
                    changes.Add(Text($"root disk {applied} → {wanted} GiB"));
                    online &= diskOnline;
                }
                else if (wanted < applied)
                {
                    refusals.Add(Text($"the VMClass's diskDefaults.size {wanted}Gi is smaller than the root disk's {applied} GiB: disks cannot shrink"));
                }
            }
        }

        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var disk in desired.Disks)
        {
            sizes[disk.Name] = disk.SizeGiB;
            var wantedBytes = disk.SizeGiB * DesiredHardware.GiB;
            if (!observed.DiskBytes.TryGetValue(disk.Name, out var actual))
            {
                changes.Add(Text($"new disk {disk.Name} of {disk.SizeGiB} GiB"));
                online &= diskOnline;
            }
            else if (actual is not { } bytes || bytes == wantedBytes)
            {
                // Unknown or equal: sent as asked; the provider compares.
            }
            else if (wantedBytes > bytes)
            {
                changes.Add(Text($"disk {disk.Name} {ToGiB(bytes)} → {disk.SizeGiB} GiB"));
                online &= diskOnline && string.Equals(disk.ExpandPolicy, "Online", StringComparison.Ordinal);
            }
            else if (ToGiB(bytes) > disk.SizeGiB)
            {
                sizes[disk.Name] = ToGiB(bytes);
                refusals.Add(Text($"spec.disks[{disk.Name}].sizeGiB {disk.SizeGiB} is smaller than the disk's current {ToGiB(bytes)} GiB: disks cannot shrink"));
            }
        }

        return new ReconfigurePlan
        {
            Changes = changes,
            Refusals = refusals,
            Online = online,
            PrimaryDiskSizeGiB = primary,
            DiskSizesGiB = sizes,
        };
    }

    /// <summary>Bytes as whole GiB, rounded up.</summary>
    public static int ToGiB(long bytes) => (int)Math.Min(int.MaxValue, (bytes + DesiredHardware.GiB - 1) / DesiredHardware.GiB);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
