using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    /// <summary>
    /// Clones a VM, powered off. A full clone copies the disks' content; a linked clone's disks are overlays whose
    /// backing files are the source's disks, so the source cannot be deleted while the clone exists. NICs keep their
    /// networks and get new MACs and addresses (or those of <see cref="CloneSpec.Networks"/>). Idempotent by target
    /// name: an existing VM of that name is returned. Mutates the VM table.
    /// </summary>
    /// <exception cref="ProviderException">INVALID_ARGUMENT (name, sizing, customization), NOT_FOUND (source),
    /// FAILED_PRECONDITION (linked clones switched off, source busy), RESOURCE_EXHAUSTED.</exception>
    public VmCreated Clone(CloneSpec spec)
    {
        RequireField(spec.SourceVmId, "source_vm_id");
        RequireName(spec.TargetName, "target_name");
        if (spec.Linked && !Capabilities.LinkedClones)
        {
            throw ProviderErrors.FailedPrecondition("linked clones are not supported by this provider (supports_linked_clones is false)");
        }

        if (spec.Cpu is not null || spec.MemoryMiB is not null)
        {
            ValidateSizing(spec.Cpu ?? 1, spec.MemoryMiB ?? 1, "class_json");
        }

        if (spec.Hostname is { Length: > 0 } hostname && !Naming.IsValidName(hostname))
        {
            throw ProviderErrors.InvalidArgument($"customize_json: hostname \"{hostname}\" is not valid");
        }

        foreach (var nic in spec.Networks)
        {
            if (nic.IpAddress.Length > 0 && !(IPAddress.TryParse(nic.IpAddress, out var address) && address.AddressFamily == AddressFamily.InterNetwork))
            {
                throw ProviderErrors.InvalidArgument($"customize_json: network \"{nic.Name}\" ipAddress \"{nic.IpAddress}\" is not an IPv4 address");
            }

            if (nic.MacAddress.Length > 0 && !IsMacAddress(nic.MacAddress))
            {
                throw ProviderErrors.InvalidArgument($"customize_json: network \"{nic.Name}\" macAddress \"{nic.MacAddress}\" is not a MAC address");
            }
        }

        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            if (FindByName(spec.TargetName) is { } existing)
            {
                return new VmCreated(existing.Id, PendingTask(existing.CreateTaskId, now)?.Id);
            }

            var source = RequireVm(spec.SourceVmId);
            foreach (var nic in spec.Networks)
            {
                if (source.Nics.TrueForAll(n => n.Name != nic.Name))
                {
                    throw ProviderErrors.InvalidArgument($"customize_json: the source VM has no network \"{nic.Name}\"");
                }
            }

            if (_vms.Count >= _options.MaxVms)
            {
                throw ProviderErrors.ResourceExhausted(string.Create(CultureInfo.InvariantCulture, $"the mock hypervisor is full ({_options.MaxVms} VMs)"));
            }

            EnsureIdle(source, now);
            var id = string.Create(CultureInfo.InvariantCulture, $"vm-{_nextVmNumber++}");
            var failure = _faults.DecideTask(MockOperations.Clone);
            if (failure is not null)
            {
                var failed = StartTask(MockOperations.Clone, null, spec.TargetName, now, failure, phase: "cloning");
                Persist();
                return new VmCreated(id, failed);
            }

            var clone = new MockVm
            {
                Id = id,
                Name = spec.TargetName,
                Cpu = spec.Cpu ?? source.Cpu,
                MemoryMiB = spec.MemoryMiB ?? source.MemoryMiB,
                Firmware = source.Firmware,
                GuestTools = source.GuestTools,
                HardwareVersion = source.HardwareVersion,
                Tags = spec.Tags.Count > 0 ? [.. spec.Tags] : [.. source.Tags],
                Datastore = source.Datastore,
                Cluster = source.Cluster,
                Folder = source.Folder,
                PlacementPolicy = NullIfEmpty(spec.PlacementPolicy),
                Hostname = NullIfEmpty(spec.Hostname),
                LinkedCloneOf = spec.Linked ? source.Id : null,
                ClonedFrom = source.Id,
                CreatedAt = now,
            };
            foreach (var disk in source.Disks)
            {
                clone.Disks.Add(new MockDisk
                {
                    Id = disk.Id,
                    Name = disk.Name,
                    Type = disk.Type,
                    Format = spec.Linked ? "qcow2" : disk.Format,
                    Path = Path.Combine(VmsDirectory, id, $"{disk.Id}.{(spec.Linked ? "qcow2" : disk.Format)}"),
                    SizeBytes = disk.SizeBytes,
                    ContentId = disk.ContentId,
                    Generation = disk.Generation,
                    // A full clone is a flattened copy; a linked clone is an overlay on the source's disk.
                    BackingFile = spec.Linked ? disk.Path : null,
                    Bootable = disk.Bootable,
                });
            }

            for (var i = 0; i < source.Nics.Count; i++)
            {
                var nic = source.Nics[i];
                var custom = spec.Networks.FirstOrDefault(n => n.Name == nic.Name);
                clone.Nics.Add(new MockNic
                {
                    Name = nic.Name,
                    NetworkName = nic.NetworkName,
                    Model = nic.Model,
                    MacAddress = custom is { MacAddress.Length: > 0 } ? custom.MacAddress.ToLowerInvariant() : DeterministicIdentity.MacAddress(clone.Name, i),
                    IpAddress = custom is { IpAddress.Length: > 0 } ? custom.IpAddress : DeterministicIdentity.IpAddress(clone.Name, nic.NetworkName, TakenAddresses(nic.NetworkName, null)),
                });
            }

            _vms[id] = clone;
            clone.CreateTaskId = StartTask(MockOperations.Clone, clone, $"{source.Id} -> {clone.Name}", now, null, phase: "cloning");
            Persist();
            return new VmCreated(id, clone.CreateTaskId);
        }
    }
}
