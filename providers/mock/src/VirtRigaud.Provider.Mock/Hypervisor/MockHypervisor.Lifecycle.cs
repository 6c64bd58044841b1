using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    private const int MaxCpu = 1024;
    private const int MaxMemoryMiB = 16 * 1024 * 1024;
    private const int MaxDiskGiB = 64 * 1024;

    /// <summary>
    /// Creates a VM, powered off. Idempotent by name: an existing VM of that name is returned (with its creation task
    /// while that runs), whatever the rest of the spec says. Mutates the VM table.
    /// </summary>
    /// <exception cref="ProviderException">INVALID_ARGUMENT (name, sizes, disk or NIC type, addresses), NOT_FOUND (image),
    /// FAILED_PRECONDITION (image URL not prepared), RESOURCE_EXHAUSTED (<see cref="MockHypervisorOptions.MaxVms"/>).</exception>
    public VmCreated Create(VmCreateSpec spec)
    {
        RequireName(spec.Name, "name");
        ValidateSizing(spec.Cpu, spec.MemoryMiB, "class_json");
        ValidateDiskType(spec.DiskType, "class_json DiskDefaults.Type");
        if (spec.DiskSizeGiB is < 0 or > MaxDiskGiB)
        {
            throw ProviderErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"class_json DiskDefaults.SizeGiB {spec.DiskSizeGiB} is out of range [0, {MaxDiskGiB}]"));
        }

        ValidateDisks(spec.Disks);
        ValidateNics(spec.Networks);
        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            if (FindByName(spec.Name) is { } existing)
            {
                return new VmCreated(existing.Id, PendingTask(existing.CreateTaskId, now)?.Id);
            }

            if (_vms.Count >= _options.MaxVms)
            {
                throw ProviderErrors.ResourceExhausted(string.Create(CultureInfo.InvariantCulture, $"the mock hypervisor is full ({_options.MaxVms} VMs)"));
            }

            var image = ResolveImage(spec.Image);
            var id = string.Create(CultureInfo.InvariantCulture, $"vm-{_nextVmNumber++}");
            var failure = _faults.DecideTask(MockOperations.Create);
            if (failure is not null)
            {
                // The creation fails as a task: the id is handed out, the VM never appears.
                var failed = StartTask(MockOperations.Create, null, spec.Name, now, failure, phase: "creating");
                Persist();
                return new VmCreated(id, failed);
            }

            var vm = new MockVm
            {
                Id = id,
                Name = spec.Name,
                Cpu = spec.Cpu,
                MemoryMiB = spec.MemoryMiB,
                Firmware = string.IsNullOrEmpty(spec.Firmware) ? "BIOS" : spec.Firmware,
                GuestTools = spec.GuestTools,
                HardwareVersion = spec.HardwareVersion > 0 ? spec.HardwareVersion : 1,
                Tags = [.. spec.Tags],
                Datastore = NullIfEmpty(spec.Datastore),
                Cluster = NullIfEmpty(spec.Cluster),
                Folder = NullIfEmpty(spec.Folder),
                UserDataBytes = spec.UserDataBytes,
                MetaDataBytes = spec.MetaDataBytes,
                CreatedAt = now,
            };
            var primarySize = Math.Max(GiB(spec.DiskSizeGiB > 0 ? spec.DiskSizeGiB : image is null ? _options.DefaultDiskSizeGiB : 0), image?.VirtualSizeBytes ?? 0);
            vm.Disks.Add(NewDisk(vm, "disk-0", "disk-0", spec.DiskType, primarySize, bootable: true, image));
            for (var i = 0; i < spec.Disks.Count; i++)
            {
                var request = spec.Disks[i];
                var diskId = string.Create(CultureInfo.InvariantCulture, $"disk-{i + 1}");
                vm.Disks.Add(NewDisk(vm, diskId, string.IsNullOrEmpty(request.Name) ? diskId : request.Name, request.Type, GiB(request.SizeGiB), bootable: false, null));
            }

            for (var i = 0; i < spec.Networks.Count; i++)
            {
                var request = spec.Networks[i];
                var network = string.IsNullOrEmpty(request.NetworkName) ? request.Name : request.NetworkName;
                vm.Nics.Add(new MockNic
                {
                    Name = request.Name,
                    NetworkName = network,
                    Model = string.IsNullOrEmpty(request.Model) ? "virtio" : request.Model,
                    MacAddress = string.IsNullOrEmpty(request.MacAddress) ? DeterministicIdentity.MacAddress(vm.Name, i) : request.MacAddress.ToLowerInvariant(),
                    IpAddress = string.IsNullOrEmpty(request.StaticIp) ? DeterministicIdentity.IpAddress(vm.Name, network, TakenAddresses(network, null)) : request.StaticIp,
                });
            }

            _vms[id] = vm;
            vm.CreateTaskId = StartTask(MockOperations.Create, vm, vm.Name, now, null, phase: "creating");
            Persist();
            return new VmCreated(id, vm.CreateTaskId);
        }
    }

    /// <summary>
    /// Deletes a VM and its disks. Idempotent: a VM that does not exist is already deleted (<c>null</c>, no task).
    /// Mutates the VM table.
    /// </summary>
    /// <exception cref="ProviderException">FAILED_PRECONDITION: linked clones depend on it, or a task of it runs.</exception>
    public string? Delete(string vmId)
    {
        RequireField(vmId, "id");
        lock (_gate)
        {
            EnsureStarted();
            if (!_vms.TryGetValue(vmId, out var vm))
            {
                return null;
            }

            var dependents = _vms.Values.Where(v => v.LinkedCloneOf == vmId).Select(v => v.Id).Order(StringComparer.Ordinal).ToList();
            if (dependents.Count > 0)
            {
                throw ProviderErrors.FailedPrecondition($"vm \"{vmId}\" has linked clones that depend on its disks: {string.Join(", ", dependents)}; delete them first");
            }

            var now = _time.GetUtcNow();
            EnsureIdle(vm, now);
            var failure = _faults.DecideTask(MockOperations.Delete);
            if (failure is null)
            {
                _vms.Remove(vmId);
                StopGuest(vm, TimeSpan.Zero);
            }

            var taskId = StartTask(MockOperations.Delete, failure is null ? null : vm, vm.Id, now, failure, phase: "deleting");
            Persist();
            return taskId;
        }
    }

    /// <summary>
    /// Brings CPU, memory and disks to <paramref name="desired"/> (level-based: no difference ⇒ <c>null</c>, no task).
    /// While the guest runs, only increases are possible, and only with the online capabilities. Mutates the VM.
    /// </summary>
    /// <exception cref="ProviderException">NOT_FOUND, INVALID_ARGUMENT (sizes, shrinking a disk), FAILED_PRECONDITION
    /// (needs the VM powered off, or a task runs).</exception>
    public string? Reconfigure(string vmId, VmReconfigureSpec desired)
    {
        if (desired.Cpu != 0 || desired.MemoryMiB != 0)
        {
            ValidateSizing(desired.Cpu == 0 ? 1 : desired.Cpu, desired.MemoryMiB == 0 ? 1 : desired.MemoryMiB, "desired_json Class");
        }
        if (desired.DiskSizeGiB is < 0 or > MaxDiskGiB)
        {
            throw ProviderErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"desired_json DiskDefaults.SizeGiB {desired.DiskSizeGiB} is out of range"));
        }

        ValidateDisks(desired.Disks);
        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            var vm = RequireVm(vmId);
            var primary = vm.Disks[0];
            var grows = new List<(MockDisk Disk, long Size)>();
            var additions = new List<DiskRequest>();
            if (desired.DiskSizeGiB > 0)
            {
                CollectGrowth(primary, GiB(desired.DiskSizeGiB), grows);
            }

            foreach (var request in desired.Disks.Where(d => !string.IsNullOrEmpty(d.Name)))
            {
                var disk = vm.Disks.Skip(1).FirstOrDefault(d => d.Name == request.Name);
                if (disk is null)
                {
                    additions.Add(request);
                }
                else
                {
                    CollectGrowth(disk, GiB(request.SizeGiB), grows);
                }
            }

            var cpu = desired.Cpu > 0 ? desired.Cpu : vm.Cpu;
            var memoryMiB = desired.MemoryMiB > 0 ? desired.MemoryMiB : vm.MemoryMiB;
            var cpuDelta = cpu - vm.Cpu;
            var memoryDelta = memoryMiB - vm.MemoryMiB;
            if (cpuDelta == 0 && memoryDelta == 0 && grows.Count == 0 && additions.Count == 0)
            {
                // Level-based: already there. A repeat while the reconfiguration runs joins its task.
                return PendingTask(vm.ActiveTaskId, now) is { Operation: MockOperations.Reconfigure } running ? running.Id : null;
            }

            EnsureIdle(vm, now);
            if (DetailedState(vm, now) != VmPowerState.Off)
            {
                if (cpuDelta < 0 || memoryDelta < 0)
                {
                    throw ProviderErrors.FailedPrecondition($"vm \"{vm.Id}\" is running: removing CPUs or memory needs it powered off (no hot-remove)");
                }

                if ((cpuDelta > 0 || memoryDelta > 0) && !Capabilities.ReconfigureOnline)
                {
                    throw ProviderErrors.FailedPrecondition($"vm \"{vm.Id}\" is running: changing CPU or memory needs it powered off (supports_reconfigure_online is false)");
                }

                if ((grows.Count > 0 || additions.Count > 0) && !Capabilities.DiskExpansionOnline)
                {
                    throw ProviderErrors.FailedPrecondition($"vm \"{vm.Id}\" is running: growing or adding disks needs it powered off (supports_disk_expansion_online is false)");
                }
            }

            var failure = _faults.DecideTask(MockOperations.Reconfigure);
            if (failure is null)
            {
                vm.Cpu = cpu;
                vm.MemoryMiB = memoryMiB;
                foreach (var (disk, size) in grows)
                {
                    disk.SizeBytes = size;
                }

                foreach (var request in additions)
                {
                    var diskId = NextDiskId(vm);
                    vm.Disks.Add(NewDisk(vm, diskId, request.Name, request.Type, GiB(request.SizeGiB), bootable: false, null));
                }
            }

            var taskId = StartTask(MockOperations.Reconfigure, vm, vm.Id, now, failure, phase: "reconfiguring");
            Persist();
            return taskId;
        }
    }

    /// <summary>Raises the virtual hardware version (never lowers it: at or above ⇒ <c>null</c>). Mutates the VM.</summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED (switched off), INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION (running, busy).</exception>
    public string? HardwareUpgrade(string vmId, int targetVersion)
    {
        if (!Capabilities.HardwareUpgrade)
        {
            throw ProviderErrors.Unimplemented("HardwareUpgrade");
        }

        if (targetVersion < 1)
        {
            throw ProviderErrors.InvalidArgument("target_version must be at least 1");
        }

        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            var vm = RequireVm(vmId);
            if (vm.HardwareVersion >= targetVersion)
            {
                return null;
            }

            if (DetailedState(vm, now) != VmPowerState.Off)
            {
                throw ProviderErrors.FailedPrecondition($"vm \"{vm.Id}\" is running: a hardware upgrade needs it powered off");
            }

            EnsureIdle(vm, now);
            var failure = _faults.DecideTask(MockOperations.HardwareUpgrade);
            if (failure is null)
            {
                vm.HardwareVersion = targetVersion;
            }

            var taskId = StartTask(MockOperations.HardwareUpgrade, vm, vm.Id, now, failure, phase: "upgrading");
            Persist();
            return taskId;
        }
    }

    private static void CollectGrowth(MockDisk disk, long size, List<(MockDisk, long)> grows)
    {
        if (size < disk.SizeBytes)
        {
            throw ProviderErrors.InvalidArgument(string.Create(
                CultureInfo.InvariantCulture,
                $"disk \"{disk.Name}\" cannot shrink from {ToGiB(disk.SizeBytes)} GiB to {ToGiB(size)} GiB"));
        }

        if (size > disk.SizeBytes)
        {
            grows.Add((disk, size));
        }
    }

    private static string NextDiskId(MockVm vm)
    {
        var number = vm.Disks.Count;
        while (vm.Disks.Any(d => d.Id == string.Create(CultureInfo.InvariantCulture, $"disk-{number}")))
        {
            number++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"disk-{number}");
    }

    /// <summary>A new disk of <paramref name="vm"/>, blank or on top of <paramref name="image"/>. Pure apart from reading options.</summary>
    private MockDisk NewDisk(MockVm vm, string id, string name, string type, long size, bool bootable, MockStoredDisk? image)
    {
        var format = string.Equals(type, "raw", StringComparison.OrdinalIgnoreCase) ? "raw" : "qcow2";
        return new MockDisk
        {
            Id = id,
            Name = name,
            Type = string.IsNullOrEmpty(type) ? "qcow2" : type,
            Format = format,
            Path = Path.Combine(VmsDirectory, vm.Id, $"{id}.{format}"),
            SizeBytes = size,
            ContentId = image?.ContentId ?? DeterministicIdentity.ContentId($"blank/{vm.Name}/{id}"),
            Generation = image?.Generation ?? 0,
            BackingFile = image is { Path.Length: > 0 } ? image.Path : null,
            Bootable = bootable,
        };
    }

    /// <summary>The stored image a Create boots from; <c>null</c> for a blank disk. Under the lock.</summary>
    private MockStoredDisk? ResolveImage(ImageReference? image)
    {
        if (image is null || (image.Path.Length == 0 && image.TemplateName.Length == 0 && image.Url.Length == 0))
        {
            return null;
        }

        if (image.Path.Length > 0)
        {
            return _stored.Values.FirstOrDefault(d => d.Kind != StoredDiskKind.Template && d.Path == image.Path)
                ?? throw ProviderErrors.NotFound($"image path \"{image.Path}\" is not a prepared image or imported disk of this provider");
        }

        if (image.TemplateName.Length > 0)
        {
            if (_stored.TryGetValue(StoredKey(StoredDiskKind.Image, image.TemplateName), out var prepared))
            {
                return prepared.Path.Length == 0 && prepared.Source.StartsWith("template:", StringComparison.Ordinal)
                    ? _stored.GetValueOrDefault(StoredKey(StoredDiskKind.Template, prepared.Source["template:".Length..])) ?? prepared
                    : prepared;
            }

            return _stored.GetValueOrDefault(StoredKey(StoredDiskKind.Template, image.TemplateName))
                ?? throw ProviderErrors.NotFound("template", image.TemplateName);
        }

        throw ProviderErrors.FailedPrecondition($"image {UrlText.Redact(image.Url)} is not prepared on this provider: call ImagePrepare first");
    }

    private static void ValidateSizing(int cpu, int memoryMiB, string field)
    {
        if (cpu is < 1 or > MaxCpu)
        {
            throw ProviderErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"{field}: CPU {cpu} is out of range [1, {MaxCpu}]"));
        }

        if (memoryMiB is < 1 or > MaxMemoryMiB)
        {
            throw ProviderErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"{field}: MemoryMiB {memoryMiB} is out of range [1, {MaxMemoryMiB}]"));
        }
    }

    private void ValidateDiskType(string type, string field)
    {
        if (type.Length > 0 && !Capabilities.DiskTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw ProviderErrors.InvalidArgument($"{field}: disk type \"{type}\" is not supported (supported: {string.Join(", ", Capabilities.DiskTypes)})");
        }
    }

    private void ValidateDisks(IReadOnlyList<DiskRequest> disks)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            if (disk.SizeGiB is < 1 or > MaxDiskGiB)
            {
                throw ProviderErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"disks_json: disk \"{disk.Name}\" SizeGiB {disk.SizeGiB} is out of range [1, {MaxDiskGiB}]"));
            }

            ValidateDiskType(disk.Type, $"disks_json: disk \"{disk.Name}\"");
            if (disk.Name.Length > 0 && (!Naming.IsValidName(disk.Name) || !names.Add(disk.Name)))
            {
                throw ProviderErrors.InvalidArgument($"disks_json: disk name \"{disk.Name}\" is invalid or repeated");
            }
        }
    }

    private void ValidateNics(IReadOnlyList<NicRequest> nics)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nic in nics)
        {
            if (string.IsNullOrEmpty(nic.Name) || !names.Add(nic.Name))
            {
                throw ProviderErrors.InvalidArgument($"networks_json: network name \"{nic.Name}\" is empty or repeated");
            }

            if (nic.Model.Length > 0 && !Capabilities.NetworkTypes.Contains(nic.Model, StringComparer.OrdinalIgnoreCase))
            {
                throw ProviderErrors.InvalidArgument($"networks_json: network \"{nic.Name}\" model \"{nic.Model}\" is not supported (supported: {string.Join(", ", Capabilities.NetworkTypes)})");
            }

            if (nic.StaticIp.Length > 0 && !(IPAddress.TryParse(nic.StaticIp, out var address) && address.AddressFamily == AddressFamily.InterNetwork))
            {
                throw ProviderErrors.InvalidArgument($"networks_json: network \"{nic.Name}\" StaticIP \"{nic.StaticIp}\" is not an IPv4 address");
            }

            if (nic.MacAddress.Length > 0 && !IsMacAddress(nic.MacAddress))
            {
                throw ProviderErrors.InvalidArgument($"networks_json: network \"{nic.Name}\" MacAddress \"{nic.MacAddress}\" is not a MAC address");
            }
        }
    }

    private static bool IsMacAddress(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 6 && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
