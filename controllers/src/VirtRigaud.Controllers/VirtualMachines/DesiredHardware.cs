using System.Globalization;
using System.Text;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>The CPU, memory and disks a VM should have, from its spec and its class. Immutable.</summary>
public sealed record DesiredHardware
{
    internal const long GiB = 1024L * 1024 * 1024;

    /// <summary>vCPUs: <c>spec.resources.cpu</c>, else the class's.</summary>
    public required int Cpu { get; init; }

    /// <summary>Memory in MiB: <c>spec.resources.memoryMiB</c>, else the class's.</summary>
    public required long MemoryMiB { get; init; }

    /// <summary>The root disk: the class's <c>diskDefaults.size</c> in whole GiB (truncated, as Create's payload); null when the class names none.</summary>
    public int? PrimaryDiskGiB { get; init; }

    /// <summary><c>spec.disks</c>.</summary>
    public IReadOnlyList<DiskSpec> Disks { get; init; } = [];

    /// <summary>A stable text of the disk sizes (the key under which the controller remembers what it applied).</summary>
    public string DiskSignature
    {
        get
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"primary={PrimaryDiskGiB?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            foreach (var disk in Disks.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $";{disk.Name}={disk.SizeGiB}/{disk.ExpandPolicy ?? "Offline"}");
            }

            return text.ToString();
        }
    }

    /// <summary>The desired hardware of <paramref name="vm"/> with class <paramref name="vmClass"/>. Pure.</summary>
    public static DesiredHardware Of(VirtualMachine vm, VMClass vmClass)
    {
        var (cpu, memoryMiB) = CreatePayloadBuilder.DesiredResources(vm, vmClass);
        var primary = vmClass.Spec.DiskDefaults?.Size is { } size ? (int)Math.Min(int.MaxValue, size.Value() / GiB) : (int?)null;
        return new DesiredHardware { Cpu = cpu, MemoryMiB = memoryMiB, PrimaryDiskGiB = primary, Disks = vm.Spec.Disks ?? [] };
    }
}
