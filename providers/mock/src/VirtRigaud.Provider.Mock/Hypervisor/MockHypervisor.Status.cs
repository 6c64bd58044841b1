using System.Globalization;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    /// <summary>The state shown now: the transition until it ends, then the settled state. Pure.</summary>
    private static VmPowerState DetailedState(MockVm vm, DateTimeOffset now) =>
        vm.Transition is { } transition && now < transition.Until ? transition.Kind : vm.Power;

    /// <summary>The contract's power_state for a detailed state (table on <see cref="VmPowerState"/>). Pure.</summary>
    private static string Reported(VmPowerState state) => state is VmPowerState.Off or VmPowerState.Starting ? "Off" : "On";

    /// <summary>Under the lock.</summary>
    private VmStatus StatusOf(MockVm vm, DateTimeOffset now)
    {
        var state = DetailedState(vm, now);
        var running = Reported(state) == "On";
        var guestReports = state == VmPowerState.On && vm.GuestTools;
        var details = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["powerState"] = state.ToString(),
            ["cpu"] = vm.Cpu.ToString(CultureInfo.InvariantCulture),
            ["memoryMiB"] = vm.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            ["firmware"] = vm.Firmware,
            ["hardwareVersion"] = vm.HardwareVersion.ToString(CultureInfo.InvariantCulture),
            ["toolsStatus"] = !vm.GuestTools ? "toolsNotInstalled" : state == VmPowerState.On ? "toolsOk" : "toolsNotRunning",
            ["createdAt"] = vm.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["snapshots"] = vm.Snapshots.Count.ToString(CultureInfo.InvariantCulture),
            ["provider"] = "mock",
        };
        AddIfSet(details, "currentSnapshot", vm.CurrentSnapshotId);
        AddIfSet(details, "linkedCloneOf", vm.LinkedCloneOf);
        AddIfSet(details, "clonedFrom", vm.ClonedFrom);
        AddIfSet(details, "hostname", vm.Hostname);
        AddIfSet(details, "datastore", vm.Datastore);
        AddIfSet(details, "cluster", vm.Cluster);
        AddIfSet(details, "folder", vm.Folder);
        AddIfSet(details, "placementPolicy", vm.PlacementPolicy);
        AddIfSet(details, "lastShutdown", vm.LastShutdown);
        AddIfSet(details, "activeTask", PendingTask(vm.ActiveTaskId, now)?.Id);
        if (vm.Tags.Count > 0)
        {
            details["tags"] = string.Join(",", vm.Tags);
        }

        var consoleUrl = "";
        if (running && vm.VncDisplay is { } display)
        {
            var port = _options.VncBasePort + display;
            details["vncPort"] = port.ToString(CultureInfo.InvariantCulture);
            consoleUrl = string.Create(CultureInfo.InvariantCulture, $"vnc://{_options.ConsoleHost}:{port}");
        }

        return new VmStatus
        {
            Id = vm.Id,
            Name = vm.Name,
            PowerState = Reported(state),
            DetailedPowerState = state,
            IpAddresses = guestReports ? [.. vm.Nics.Select(n => n.IpAddress)] : [],
            ConsoleUrl = consoleUrl,
            Cpu = vm.Cpu,
            MemoryMiB = vm.MemoryMiB,
            Disks = [.. vm.Disks.Select(d => new VmDiskStatus(d.Id, d.Path, ToGiB(d.SizeBytes), d.Format))],
            Networks = [.. vm.Nics.Select(n => new VmNicStatus(n.Name, n.MacAddress, guestReports ? n.IpAddress : ""))],
            Details = details,
        };
    }

    private static void AddIfSet(IDictionary<string, string> details, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[key] = value;
        }
    }

    /// <summary>The lowest VNC display no other running VM holds, as libvirt's autoport picks it. Under the lock.</summary>
    private int AllocateDisplay(MockVm vm, DateTimeOffset now)
    {
        var used = _vms.Values
            .Where(other => other != vm && other.VncDisplay is not null && DetailedState(other, now) != VmPowerState.Off)
            .Select(other => other.VncDisplay!.Value)
            .ToHashSet();
        var display = 0;
        while (used.Contains(display))
        {
            display++;
        }

        return display;
    }

    /// <summary>IPs held on <paramref name="network"/> by VMs other than <paramref name="except"/>. Under the lock.</summary>
    private HashSet<string> TakenAddresses(string network, MockVm? except) =>
        _vms.Values.Where(v => v != except).SelectMany(v => v.Nics).Where(n => n.NetworkName == network).Select(n => n.IpAddress).ToHashSet(StringComparer.Ordinal);
}
