using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Capabilities;

/// <summary>
/// Builds the <see cref="GetCapabilitiesResponse"/> a provider advertises, checking that the claims hang together
/// (the conformance suite holds a provider to every claim: a feature advertised must work, a feature not advertised
/// must answer UNIMPLEMENTED or FAILED_PRECONDITION). Everything starts off; each <c>With…</c> turns a feature on.
/// <code>
/// var capabilities = new CapabilitiesBuilder()
///     .WithSnapshots(memory: true).WithLinkedClones().WithOnlineReconfigure()
///     .WithDiskTypes("qcow2", "raw").WithNetworkTypes("virtio")
///     .WithDiskExport([DiskFormats.Qcow2, DiskFormats.Raw], compression: true).WithDiskImport([DiskFormats.Qcow2])
///     .WithBackends(StorageBackends.Pvc, StorageBackends.S3)
///     .Build();
/// </code>
/// Wire defaults worth knowing: empty backend lists mean "pvc only" (<see cref="WithPvcOnlyBackends"/>), empty transfer
/// modes mean "relay only" (<see cref="WithRelayOnlyTransfer"/>); <see cref="EffectiveExportBackends"/> and friends read
/// a response with those defaults applied. Not thread-safe while building; the built response is a new message.
/// </summary>
public sealed class CapabilitiesBuilder
{
    private readonly List<string> _diskTypes = [];
    private readonly List<string> _networkTypes = [];
    private readonly List<string> _exportFormats = [];
    private readonly List<string> _importFormats = [];
    private readonly List<string> _exportBackends = [];
    private readonly List<string> _importBackends = [];
    private readonly List<string> _transferModes = [];
    private bool _reconfigureOnline;
    private bool _diskExpansionOnline;
    private bool _snapshots;
    private bool _memorySnapshots;
    private bool _linkedClones;
    private bool _imageImport;
    private bool _diskExport;
    private bool _diskImport;
    private bool _exportCompression;

    /// <summary>CPU and memory can change while the VM runs (else Reconfigure needs it powered off).</summary>
    public CapabilitiesBuilder WithOnlineReconfigure()
    {
        _reconfigureOnline = true;
        return this;
    }

    /// <summary>Disks can grow while the VM runs.</summary>
    public CapabilitiesBuilder WithOnlineDiskExpansion()
    {
        _diskExpansionOnline = true;
        return this;
    }

    /// <summary>SnapshotCreate/Delete/Revert work; with <paramref name="memory"/>, also snapshots that include memory state.</summary>
    public CapabilitiesBuilder WithSnapshots(bool memory = false)
    {
        _snapshots = true;
        _memorySnapshots |= memory;
        return this;
    }

    /// <summary>Clone with <c>linked = true</c> works.</summary>
    public CapabilitiesBuilder WithLinkedClones()
    {
        _linkedClones = true;
        return this;
    }

    /// <summary>ImagePrepare works.</summary>
    public CapabilitiesBuilder WithImageImport()
    {
        _imageImport = true;
        return this;
    }

    /// <summary>Disk types Create accepts (e.g. <c>thin</c>, <c>qcow2</c>); adds to earlier calls.</summary>
    public CapabilitiesBuilder WithDiskTypes(params IEnumerable<string> types) => AddAll(_diskTypes, types);

    /// <summary>Network (adapter) types Create accepts (e.g. <c>virtio</c>, <c>distributed</c>); adds to earlier calls.</summary>
    public CapabilitiesBuilder WithNetworkTypes(params IEnumerable<string> types) => AddAll(_networkTypes, types);

    /// <summary>ExportDisk works, in <paramref name="formats"/> (see <see cref="DiskFormats"/>), optionally compressed.</summary>
    public CapabilitiesBuilder WithDiskExport(IEnumerable<string> formats, bool compression = false)
    {
        _diskExport = true;
        _exportCompression |= compression;
        return AddAll(_exportFormats, formats);
    }

    /// <summary>ImportDisk works, from <paramref name="formats"/> (see <see cref="DiskFormats"/>).</summary>
    public CapabilitiesBuilder WithDiskImport(IEnumerable<string> formats)
    {
        _diskImport = true;
        return AddAll(_importFormats, formats);
    }

    /// <summary>Staging backends for exports (see <see cref="StorageBackends"/>); adds to earlier calls.</summary>
    public CapabilitiesBuilder WithExportBackends(params IEnumerable<string> backends) => AddAll(_exportBackends, backends);

    /// <summary>Staging backends for imports (see <see cref="StorageBackends"/>); adds to earlier calls.</summary>
    public CapabilitiesBuilder WithImportBackends(params IEnumerable<string> backends) => AddAll(_importBackends, backends);

    /// <summary>The same staging backends for exports and imports, as every upstream provider advertises them.</summary>
    public CapabilitiesBuilder WithBackends(params IEnumerable<string> backends)
    {
        var list = backends.ToList();
        return WithExportBackends(list).WithImportBackends(list);
    }

    /// <summary>Advertises no backend list, which the wire reads as "pvc only" (upstream's default); clears earlier backends.</summary>
    public CapabilitiesBuilder WithPvcOnlyBackends()
    {
        _exportBackends.Clear();
        _importBackends.Clear();
        return this;
    }

    /// <summary>Transfer modes (see <see cref="TransferModes"/>); adds to earlier calls.</summary>
    public CapabilitiesBuilder WithTransferModes(params IEnumerable<string> modes) => AddAll(_transferModes, modes);

    /// <summary>Advertises no transfer modes, which the wire reads as "relay only" (every upstream provider); clears earlier modes.</summary>
    public CapabilitiesBuilder WithRelayOnlyTransfer()
    {
        _transferModes.Clear();
        return this;
    }

    /// <summary>A new response with the claims made so far. Does not mutate the builder.</summary>
    /// <exception cref="InvalidOperationException">The claims contradict each other or name unknown formats, backends or modes; the message lists every problem.</exception>
    public GetCapabilitiesResponse Build()
    {
        var problems = new List<string>();
        if (_memorySnapshots && !_snapshots)
        {
            problems.Add("memory snapshots need snapshots");
        }

        if (!_diskExport && (_exportFormats.Count > 0 || _exportCompression || _exportBackends.Count > 0))
        {
            problems.Add("export formats, compression and export backends need disk export");
        }

        if (!_diskImport && (_importFormats.Count > 0 || _importBackends.Count > 0))
        {
            problems.Add("import formats and import backends need disk import");
        }

        if (_diskExport && _exportFormats.Count == 0)
        {
            problems.Add("disk export needs at least one format");
        }

        if (_diskImport && _importFormats.Count == 0)
        {
            problems.Add("disk import needs at least one format");
        }

        if (!_diskExport && !_diskImport && _transferModes.Count > 0)
        {
            problems.Add("transfer modes need disk export or import");
        }

        Unknown(problems, "format", _exportFormats.Concat(_importFormats), DiskFormats.All);
        Unknown(problems, "backend", _exportBackends.Concat(_importBackends), StorageBackends.All);
        Unknown(problems, "transfer mode", _transferModes, TransferModes.All);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Inconsistent provider capabilities: " + string.Join("; ", problems) + ".");
        }

        var response = new GetCapabilitiesResponse
        {
            SupportsReconfigureOnline = _reconfigureOnline,
            SupportsDiskExpansionOnline = _diskExpansionOnline,
            SupportsSnapshots = _snapshots,
            SupportsMemorySnapshots = _memorySnapshots,
            SupportsLinkedClones = _linkedClones,
            SupportsImageImport = _imageImport,
            SupportsDiskExport = _diskExport,
            SupportsDiskImport = _diskImport,
            SupportsExportCompression = _exportCompression,
        };
        response.SupportedDiskTypes.Add(_diskTypes);
        response.SupportedNetworkTypes.Add(_networkTypes);
        response.SupportedExportFormats.Add(_exportFormats);
        response.SupportedImportFormats.Add(_importFormats);
        response.SupportedExportBackends.Add(_exportBackends);
        response.SupportedImportBackends.Add(_importBackends);
        response.SupportedTransferModes.Add(_transferModes);
        return response;
    }

    /// <summary>The export backends <paramref name="capabilities"/> mean: the list, or <c>["pvc"]</c> when it is empty. Pure.</summary>
    public static IReadOnlyList<string> EffectiveExportBackends(GetCapabilitiesResponse capabilities) =>
        capabilities.SupportedExportBackends.Count == 0 ? [StorageBackends.Pvc] : [.. capabilities.SupportedExportBackends];

    /// <summary>The import backends <paramref name="capabilities"/> mean: the list, or <c>["pvc"]</c> when it is empty. Pure.</summary>
    public static IReadOnlyList<string> EffectiveImportBackends(GetCapabilitiesResponse capabilities) =>
        capabilities.SupportedImportBackends.Count == 0 ? [StorageBackends.Pvc] : [.. capabilities.SupportedImportBackends];

    /// <summary>The transfer modes <paramref name="capabilities"/> mean: the list, or <c>["relay"]</c> when it is empty. Pure.</summary>
    public static IReadOnlyList<string> EffectiveTransferModes(GetCapabilitiesResponse capabilities) =>
        capabilities.SupportedTransferModes.Count == 0 ? [TransferModes.Relay] : [.. capabilities.SupportedTransferModes];

    private CapabilitiesBuilder AddAll(List<string> list, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            var trimmed = value.Trim();
            if (trimmed.Length > 0 && !list.Contains(trimmed, StringComparer.Ordinal))
            {
                list.Add(trimmed);
            }
        }

        return this;
    }

    private static void Unknown(List<string> problems, string what, IEnumerable<string> values, IReadOnlyList<string> known)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            if (!known.Contains(value, StringComparer.Ordinal))
            {
                problems.Add($"unknown {what} \"{value}\" (known: {string.Join(", ", known)})");
            }
        }
    }
}
