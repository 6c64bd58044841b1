namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// What the mock offers. Every switch is honoured: a feature switched off is refused (UNIMPLEMENTED, or
/// FAILED_PRECONDITION where the contract says so) and advertised as absent by GetCapabilities, so the conformance
/// suite's "absent capability" paths can be exercised. Immutable.
/// </summary>
public sealed record MockCapabilities
{
    /// <summary>Names accepted by <see cref="Disable"/> (the <c>--disable-capabilities</c> flag), in documentation order.</summary>
    public static readonly IReadOnlyList<string> SwitchNames =
    [
        "reconfigure-online", "disk-expansion-online", "snapshots", "memory-snapshots", "linked-clones", "image-import",
        "disk-export", "disk-import", "hardware-upgrade", "watch-task", "console-stream",
    ];

    /// <summary>CPU/memory hot-add while the VM runs (decreases always need it powered off).</summary>
    public bool ReconfigureOnline { get; init; } = true;

    /// <summary>Disk growth and disk hot-add while the VM runs.</summary>
    public bool DiskExpansionOnline { get; init; } = true;

    public bool Snapshots { get; init; } = true;

    /// <summary>Snapshots that include the running memory (implies <see cref="Snapshots"/>).</summary>
    public bool MemorySnapshots { get; init; } = true;

    public bool LinkedClones { get; init; } = true;

    /// <summary>ImagePrepare.</summary>
    public bool ImageImport { get; init; } = true;

    public bool DiskExport { get; init; } = true;

    public bool DiskImport { get; init; } = true;

    /// <summary>HardwareUpgrade (not advertised by the contract's capabilities; UNIMPLEMENTED when off).</summary>
    public bool HardwareUpgrade { get; init; } = true;

    /// <summary>The WatchTask addition; when off it answers UNIMPLEMENTED, as an upstream provider does, so clients' fallback to TaskStatus runs.</summary>
    public bool WatchTask { get; init; } = true;

    /// <summary>The ConsoleStream addition; when off it answers UNIMPLEMENTED.</summary>
    public bool ConsoleStream { get; init; } = true;

    /// <summary>Compressed exports are not written by the mock; always false.</summary>
    public bool ExportCompression => false;

    public IReadOnlyList<string> DiskTypes { get; init; } = ["qcow2", "raw", "thin", "thick", "eager-zeroed"];

    /// <summary>NIC models accepted in NetworkAttachment.Model (empty model ⇒ virtio).</summary>
    public IReadOnlyList<string> NetworkTypes { get; init; } = ["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"];

    public IReadOnlyList<string> ExportFormats { get; init; } = ["qcow2", "raw"];

    public IReadOnlyList<string> ImportFormats { get; init; } = ["qcow2", "raw"];

    /// <summary>Only the PVC backend (file:// and pvc:// URLs under the migration storage root).</summary>
    public IReadOnlyList<string> ExportBackends { get; init; } = ["pvc"];

    public IReadOnlyList<string> ImportBackends { get; init; } = ["pvc"];

    public IReadOnlyList<string> TransferModes { get; init; } = ["relay"];

    /// <summary>A copy with the named switches (see <see cref="SwitchNames"/>) turned off. Pure.</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public MockCapabilities Disable(IEnumerable<string> names)
    {
        var result = this;
        foreach (var raw in names)
        {
            var name = raw.Trim().ToLowerInvariant();
            result = name switch
            {
                "" => result,
                "reconfigure-online" => result with { ReconfigureOnline = false },
                "disk-expansion-online" => result with { DiskExpansionOnline = false },
                "snapshots" => result with { Snapshots = false, MemorySnapshots = false },
                "memory-snapshots" => result with { MemorySnapshots = false },
                "linked-clones" => result with { LinkedClones = false },
                "image-import" => result with { ImageImport = false },
                "disk-export" => result with { DiskExport = false },
                "disk-import" => result with { DiskImport = false },
                "hardware-upgrade" => result with { HardwareUpgrade = false },
                "watch-task" => result with { WatchTask = false },
                "console-stream" => result with { ConsoleStream = false },
                _ => throw new ArgumentException($"unknown capability \"{raw}\" (known: {string.Join(", ", SwitchNames)})", nameof(names)),
            };
        }

        return result;
    }
}
