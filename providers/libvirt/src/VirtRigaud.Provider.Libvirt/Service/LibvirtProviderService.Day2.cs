using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// Day-2 operations: reconfigure, disk info, snapshots, clones. All synchronous.
/// <code>
/// operation            stopped VM                               running VM
/// Reconfigure          redefine: vCPUs/memory, new hot-add      setvcpus/setmem --live --config within the
///                      headroom when the class enables it        headroom, else FAILED_PRECONDITION (power cycle)
/// disk growth          qemu-img resize                          virsh blockresize (online)
/// SnapshotCreate       internal disk snapshot (qcow2 disks)     internal checkpoint with memory
/// SnapshotRevert       the snapshot's disks and power state      same
/// Clone full           qemu-img convert of every disk, NVRAM copied, new MACs, seed ISO dropped (source stopped)
/// Clone linked         qcow2 overlay on every source disk; the source cannot be deleted while the clone exists
/// </code>
/// </summary>
internal sealed partial class LibvirtProviderService
{
    /// <inheritdoc />
    public override Task<TaskResponse> ReconfigureAsync(ReconfigureRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Id))
        {
            throw ProviderErrors.InvalidArgument("id is required");
        }

        var desired = Payload(ProviderPayloads.ParseReconfigureDesired, request.DesiredJson) ?? throw ProviderErrors.InvalidArgument("desired_json is required");
        return WithLockAsync(
            request.Id,
            async ct =>
            {
                var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
                var state = await virsh.TryStateAsync(request.Id, ct).ConfigureAwait(false) ?? throw ProviderErrors.NotFound("vm", request.Id);
                var inactiveXml = await virsh.DumpXmlAsync(request.Id, inactive: true, ct).ConfigureAwait(false);
                var current = DomainXmlReader.Parse(inactiveXml);
                var cpu = desired.Class.Cpu > 0 ? desired.Class.Cpu : current.VCpus;
                var memory = desired.Class.MemoryMiB > 0 ? desired.Class.MemoryMiB : current.MemoryMiB;
                var factor = connection.Settings.HotplugFactor;
                var growth = await PlanDiskGrowthAsync(virsh, request.Id, current, desired, ct).ConfigureAwait(false);
                if (!DomainStates.IsActive(state))
                {
                    foreach (var (disk, bytes) in growth)
                    {
                        await virsh.RunToolAsync(["qemu-img", "resize", "-q", "-f", disk.Format, disk.Path, bytes.ToString(CultureInfo.InvariantCulture)], ct).ConfigureAwait(false);
                    }

                    if (cpu == current.VCpus && memory == current.MemoryMiB)
                    {
                        return new TaskResponse();
                    }

                    var maxCpu = Math.Max(cpu, desired.Class.PerformanceProfile?.CpuHotAddEnabled == true ? cpu * factor : cpu);
                    var maxMemory = Math.Max(memory, desired.Class.PerformanceProfile?.MemoryHotAddEnabled == true ? memory * factor : memory);
                    await virsh.DefineAsync(Resize(inactiveXml, cpu, Math.Max(maxCpu, current.MaxVCpus), memory, Math.Max(maxMemory, current.MaxMemoryMiB)), ct)
                        .ConfigureAwait(false);
                    return new TaskResponse();
                }

                var live = DomainXmlReader.Parse(await virsh.DumpXmlAsync(request.Id, inactive: false, ct).ConfigureAwait(false));
                if (cpu > live.MaxVCpus || memory > live.MaxMemoryMiB || cpu < live.VCpus)
                {
                    throw ProviderErrors.FailedPrecondition(
                        $"vm \"{request.Id}\" runs with at most {live.MaxVCpus} vCPUs and {live.MaxMemoryMiB} MiB (hot-plug headroom) and {live.VCpus} vCPUs now; "
                        + $"{cpu} vCPUs / {memory} MiB needs a power cycle: power it off, reconfigure, power it on");
                }

                foreach (var (disk, bytes) in growth)
                {
                    await virsh.BlockResizeAsync(request.Id, disk.Target, bytes, ct).ConfigureAwait(false);
                }

                if (cpu != live.VCpus)
                {
                    await virsh.SetVcpusAsync(request.Id, cpu, ["--live", "--config"], ct).ConfigureAwait(false);
                }

                if (memory != live.MemoryMiB)
                {
                    await virsh.SetMemoryAsync(request.Id, memory, ["--live", "--config"], ct).ConfigureAwait(false);
                }

                return new TaskResponse();
            },
            context.CancellationToken);
    }

    /// <inheritdoc />
    public override async Task<GetDiskInfoResponse> GetDiskInfoAsync(GetDiskInfoRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.VmId))
        {
            throw ProviderErrors.InvalidArgument("vm_id is required");
        }

        var ct = context.CancellationToken;
        var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
        if (await virsh.TryStateAsync(request.VmId, ct).ConfigureAwait(false) is null)
        {
            throw ProviderErrors.NotFound("vm", request.VmId);
        }

        var description = DomainXmlReader.Parse(await virsh.DumpXmlAsync(request.VmId, inactive: false, ct).ConfigureAwait(false));
        var disk = string.IsNullOrEmpty(request.DiskId)
            ? description.Disks.FirstOrDefault()
            : description.Disks.FirstOrDefault(d => d.Target == request.DiskId || d.Path == request.DiskId || Path.GetFileName(d.Path) == request.DiskId);
        if (disk is null)
        {
            throw ProviderErrors.NotFound("disk", string.IsNullOrEmpty(request.DiskId) ? $"{request.VmId}/<primary>" : request.DiskId);
        }

        var snapshots = await virsh.SnapshotNamesAsync(request.VmId, ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(request.SnapshotId) && !snapshots.Contains(request.SnapshotId, StringComparer.Ordinal))
        {
            throw ProviderErrors.NotFound("snapshot", request.SnapshotId);
        }

        var (format, virtualSize, actualSize, backing) = await new HostFiles(virsh).ImageInfoAsync(disk.Path, ct).ConfigureAwait(false);
        var response = new GetDiskInfoResponse
        {
            DiskId = disk.Target,
            Format = format,
            VirtualSizeBytes = virtualSize,
            ActualSizeBytes = actualSize,
            Path = disk.Path,
            IsBootable = ReferenceEquals(disk, description.Disks[0]),
            BackingFile = backing ?? string.Empty,
        };
        response.Snapshots.AddRange(snapshots);
        response.Metadata.Add("target", disk.Target);
        return response;
    }

    /// <inheritdoc />
    public override Task<SnapshotCreateResponse> SnapshotCreateAsync(SnapshotCreateRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.VmId))
        {
            throw ProviderErrors.InvalidArgument("vm_id is required");
        }

        var name = string.IsNullOrEmpty(request.NameHint)
            ? "snap-" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            : request.NameHint;
        if (!SnapshotNamePattern().IsMatch(name))
        {
            throw ProviderErrors.InvalidArgument($"snapshot name \"{name}\" must be 1-63 letters, digits, '-', '.' or '_'");
        }

        return WithLockAsync(
            request.VmId,
            async ct =>
            {
                var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
                var state = await virsh.TryStateAsync(request.VmId, ct).ConfigureAwait(false) ?? throw ProviderErrors.NotFound("vm", request.VmId);
                if ((await virsh.SnapshotNamesAsync(request.VmId, ct).ConfigureAwait(false)).Contains(name, StringComparer.Ordinal))
                {
                    return new SnapshotCreateResponse { SnapshotId = name };
                }

                if (request.IncludeMemory && !DomainStates.IsActive(state))
                {
                    // A stopped VM has no memory to save: the snapshot is of its disks, which is all there is.
                    Log.MemorySnapshotOfStoppedVm(logger, request.VmId, name);
                }

                await virsh.SnapshotCreateAsync(request.VmId, name, request.Description, ct).ConfigureAwait(false);
                return new SnapshotCreateResponse { SnapshotId = name };
            },
            context.CancellationToken);
    }

    /// <inheritdoc />
    public override async Task<TaskResponse> SnapshotRevertAsync(SnapshotRevertRequest request, ServerCallContext context)
    {
        using var held = await _locks.AcquireAsync(request.VmId, context.CancellationToken).ConfigureAwait(false);
        var (virsh, snapshots) = await SnapshotsOfAsync(request.VmId, request.SnapshotId, context.CancellationToken).ConfigureAwait(false);
        if (!snapshots.Contains(request.SnapshotId, StringComparer.Ordinal))
        {
            throw ProviderErrors.NotFound("snapshot", request.SnapshotId);
        }

        await virsh.SnapshotRevertAsync(request.VmId, request.SnapshotId, context.CancellationToken).ConfigureAwait(false);
        return new TaskResponse();
    }

    /// <inheritdoc />
    public override async Task<TaskResponse> SnapshotDeleteAsync(SnapshotDeleteRequest request, ServerCallContext context)
    {
        using var held = await _locks.AcquireAsync(request.VmId, context.CancellationToken).ConfigureAwait(false);
        var (virsh, snapshots) = await SnapshotsOfAsync(request.VmId, request.SnapshotId, context.CancellationToken).ConfigureAwait(false);
        if (snapshots.Contains(request.SnapshotId, StringComparer.Ordinal))
        {
            await virsh.SnapshotDeleteAsync(request.VmId, request.SnapshotId, context.CancellationToken).ConfigureAwait(false);
        }

        return new TaskResponse();
    }

    /// <inheritdoc />
    public override Task<CloneResponse> CloneAsync(CloneRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.SourceVmId))
        {
            throw ProviderErrors.InvalidArgument("source_vm_id is required");
        }

        VmNames.Validate(request.TargetName, "target_name");
        var vmClass = Payload(ProviderPayloads.ParseCloneClass, request.ClassJson);
        var resized = vmClass is null ? null : ProviderPayloads.ClassFromSpec(vmClass);
        return WithLockAsync(
            request.TargetName,
            async ct =>
            {
                var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
                var sourceState = await virsh.TryStateAsync(request.SourceVmId, ct).ConfigureAwait(false) ?? throw ProviderErrors.NotFound("vm", request.SourceVmId);
                if (await virsh.TryStateAsync(request.TargetName, ct).ConfigureAwait(false) is not null)
                {
                    return new CloneResponse { TargetVmId = request.TargetName };
                }

                if (!request.Linked && DomainStates.IsActive(sourceState))
                {
                    throw ProviderErrors.FailedPrecondition($"vm \"{request.SourceVmId}\" is running: power it off for a consistent full clone");
                }

                await new ClonePlanner(virsh, connection.Settings).CloneAsync(request.SourceVmId, request.TargetName, request.Linked, resized, ct).ConfigureAwait(false);
                return new CloneResponse { TargetVmId = request.TargetName };
            },
            context.CancellationToken);
    }

    /// <inheritdoc />
    public override async Task<ExportDiskResponse> ExportDiskAsync(ExportDiskRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.VmId))
        {
            throw ProviderErrors.InvalidArgument("vm_id is required");
        }

        var ct = context.CancellationToken;
        using var held = await _locks.AcquireAsync(request.VmId, ct).ConfigureAwait(false);
        var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
        if (await virsh.TryStateAsync(request.VmId, ct).ConfigureAwait(false) is null)
        {
            throw ProviderErrors.NotFound("vm", request.VmId);
        }

        var description = DomainXmlReader.Parse(await virsh.DumpXmlAsync(request.VmId, inactive: false, ct).ConfigureAwait(false));
        var disk = (string.IsNullOrEmpty(request.DiskId)
            ? description.Disks.FirstOrDefault()
            : description.Disks.FirstOrDefault(d => d.Target == request.DiskId || d.Path == request.DiskId || Path.GetFileName(d.Path) == request.DiskId))
            ?? throw ProviderErrors.NotFound("disk", string.IsNullOrEmpty(request.DiskId) ? $"{request.VmId}/<primary>" : request.DiskId);
        if (!string.IsNullOrEmpty(request.SnapshotId)
            && !(await virsh.SnapshotNamesAsync(request.VmId, ct).ConfigureAwait(false)).Contains(request.SnapshotId, StringComparer.Ordinal))
        {
            throw ProviderErrors.NotFound("snapshot", request.SnapshotId);
        }

        return await new DiskTransfer(virsh, connection.Settings, time).ExportAsync(request, disk, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task<ImportDiskResponse> ImportDiskAsync(ImportDiskRequest request, ServerCallContext context)
    {
        VmNames.Validate(request.TargetName, "target_name");
        return WithLockAsync(
            "import/" + request.TargetName,
            async ct =>
            {
                var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
                return await new DiskTransfer(virsh, connection.Settings, time).ImportAsync(request, ct).ConfigureAwait(false);
            },
            context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<ImagePrepareResponse> ImagePrepareAsync(ImagePrepareRequest request, ServerCallContext context)
    {
        VmNames.Validate(request.TargetName, "target_name");
        var spec = Payload(ProviderPayloads.ParseImageSpec, request.ImageJson) ?? throw ProviderErrors.InvalidArgument("image_json is required");
        return WithLockAsync(
            "image/" + request.TargetName,
            async ct =>
            {
                var virsh = await connection.GetClientAsync(ct).ConfigureAwait(false);
                var path = await new ImagePreparer(virsh, connection.Settings).PrepareAsync(spec, request.TargetName, ct).ConfigureAwait(false);
                return new ImagePrepareResponse { PreparedImageId = request.TargetName, PreparedImagePath = path };
            },
            context.CancellationToken);
    }

    /// <summary>
    /// Disks to grow: the root disk to <c>Class.DiskDefaults.SizeGiB</c> (when larger), extra disks (by the name Create gave them) to
    /// their <c>SizeGiB</c>. Shrinking is refused (INVALID_ARGUMENT: data would be lost); a desired disk the VM does not
    /// have is refused (FAILED_PRECONDITION: adding disks is not done by Reconfigure).
    /// </summary>
    private async Task<List<(DomainDisk Disk, long Bytes)>> PlanDiskGrowthAsync(
        VirshClient virsh, string id, DomainDescription current, ReconfigureDesiredPayload desired, CancellationToken cancellationToken)
    {
        const long GiB = 1024L * 1024 * 1024;
        var wanted = new List<(DomainDisk Disk, long Bytes, bool IsDefault)>();
        if (desired.Class.DiskDefaults is { SizeGiB: > 0 } defaults && current.Disks.Count > 0)
        {
            // A default, not a demand: an image larger than the class's default size stays as it is (as at Create).
            wanted.Add((current.Disks[0], defaults.SizeGiB * GiB, true));
        }

        foreach (var disk in desired.Disks ?? [])
        {
            if (disk.SizeGiB <= 0 || string.IsNullOrEmpty(disk.Name))
            {
                continue;
            }

            var prefix = $"{connection.Settings.ImageDirectory}/{id}-{disk.Name}.";
            var match = current.Disks.FirstOrDefault(d => d.Path.StartsWith(prefix, StringComparison.Ordinal))
                ?? throw ProviderErrors.FailedPrecondition($"vm \"{id}\" has no disk \"{disk.Name}\"; Reconfigure grows disks but does not add them");
            wanted.Add((match, disk.SizeGiB * GiB, false));
        }

        var growth = new List<(DomainDisk Disk, long Bytes)>();
        var files = new HostFiles(virsh);
        foreach (var (disk, bytes, isDefault) in wanted)
        {
            var (_, size, _, _) = await files.ImageInfoAsync(disk.Path, cancellationToken).ConfigureAwait(false);
            if (bytes < size && !isDefault)
            {
                throw ProviderErrors.InvalidArgument($"disk {disk.Target} of vm \"{id}\" is {size} bytes; shrinking it to {bytes} would lose data");
            }

            if (bytes > size)
            {
                growth.Add((disk, bytes));
            }
        }

        return growth;
    }

    /// <summary>A copy of the domain XML with new vCPU and memory sizes.</summary>
    private static string Resize(string xml, int cpu, int maxCpu, long memory, long maxMemory)
    {
        var root = XElement.Parse(xml);
        var vcpu = root.Element("vcpu") ?? throw ProviderErrors.Internal("domain XML has no vcpu element");
        vcpu.Value = maxCpu.ToString(CultureInfo.InvariantCulture);
        vcpu.SetAttributeValue("current", cpu.ToString(CultureInfo.InvariantCulture));
        root.Element("vcpus")?.Remove();
        SetMemory(root, "memory", maxMemory);
        SetMemory(root, "currentMemory", memory);
        return root.ToString();
    }

    private static void SetMemory(XElement root, string element, long mebibytes)
    {
        var node = root.Element(element);
        if (node is null)
        {
            node = new XElement(element);
            root.Element("memory")!.AddAfterSelf(node);
        }

        node.SetAttributeValue("unit", "MiB");
        node.Value = mebibytes.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<(VirshClient Virsh, IReadOnlyList<string> Snapshots)> SnapshotsOfAsync(string vm, string snapshot, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(vm))
        {
            throw ProviderErrors.InvalidArgument("vm_id is required");
        }

        if (string.IsNullOrEmpty(snapshot))
        {
            throw ProviderErrors.InvalidArgument("snapshot_id is required");
        }

        var virsh = await connection.GetClientAsync(cancellationToken).ConfigureAwait(false);
        if (await virsh.TryStateAsync(vm, cancellationToken).ConfigureAwait(false) is null)
        {
            throw ProviderErrors.NotFound("vm", vm);
        }

        return (virsh, await virsh.SnapshotNamesAsync(vm, cancellationToken).ConfigureAwait(false));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex SnapshotNamePattern();
}
