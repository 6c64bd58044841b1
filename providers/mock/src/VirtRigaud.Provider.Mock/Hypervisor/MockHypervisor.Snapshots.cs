using System.Globalization;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Mock.Hypervisor;

public sealed partial class MockHypervisor
{
    /// <summary>
    /// Takes a snapshot as a child of the VM's current snapshot and makes it current. Idempotent by (vm, name): an
    /// existing snapshot of that name is returned (with its task while that runs). The snapshot id is the name (as
    /// libvirt's), or <c>snapshot-&lt;n&gt;</c> without one. Memory is included only while the guest runs. Mutates the VM.
    /// </summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED (snapshots or memory snapshots switched off), INVALID_ARGUMENT
    /// (name), NOT_FOUND, FAILED_PRECONDITION (busy).</exception>
    public SnapshotCreated CreateSnapshot(string vmId, string name, bool includeMemory, string description)
    {
        if (!Capabilities.Snapshots)
        {
            throw ProviderErrors.Unimplemented("snapshots");
        }

        if (includeMemory && !Capabilities.MemorySnapshots)
        {
            throw ProviderErrors.Unimplemented("memory snapshots");
        }

        if (name.Length > 0)
        {
            RequireName(name, "name_hint");
        }

        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            var vm = RequireVm(vmId);
            if (name.Length > 0 && vm.Snapshots.Find(s => s.Id == name) is { } existing)
            {
                return new SnapshotCreated(existing.Id, PendingTask(existing.TaskId, now)?.Id);
            }

            EnsureIdle(vm, now);
            var id = name.Length > 0 ? name : string.Create(CultureInfo.InvariantCulture, $"snapshot-{_nextSnapshotNumber++}");
            var failure = _faults.DecideTask(MockOperations.SnapshotCreate);
            var taskId = StartTask(MockOperations.SnapshotCreate, vm, $"{vm.Id}/{id}", now, failure, phase: "snapshotting");
            if (failure is null)
            {
                vm.Snapshots.Add(new MockSnapshot
                {
                    Id = id,
                    Description = description,
                    ParentId = vm.CurrentSnapshotId,
                    CreatedAt = now,
                    IncludesMemory = includeMemory && DetailedState(vm, now) == VmPowerState.On,
                    Cpu = vm.Cpu,
                    MemoryMiB = vm.MemoryMiB,
                    Disks = [.. vm.Disks.Select(d => new MockSnapshotDisk { DiskId = d.Id, SizeBytes = d.SizeBytes, ContentId = d.ContentId, Generation = d.Generation })],
                    TaskId = taskId,
                });
                vm.CurrentSnapshotId = id;
            }

            Persist();
            return new SnapshotCreated(id, taskId);
        }
    }

    /// <summary>
    /// Deletes a snapshot; its children move up to its parent, and its parent becomes current if it was. Idempotent: a
    /// missing VM or snapshot is already deleted (<c>null</c>). Mutates the VM.
    /// </summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED (snapshots switched off), FAILED_PRECONDITION (busy).</exception>
    public string? DeleteSnapshot(string vmId, string snapshotId)
    {
        if (!Capabilities.Snapshots)
        {
            throw ProviderErrors.Unimplemented("snapshots");
        }

        RequireField(vmId, "vm_id");
        RequireField(snapshotId, "snapshot_id");
        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            if (!_vms.TryGetValue(vmId, out var vm) || vm.Snapshots.Find(s => s.Id == snapshotId) is not { } snapshot)
            {
                return null;
            }

            EnsureIdle(vm, now);
            var failure = _faults.DecideTask(MockOperations.SnapshotDelete);
            if (failure is null)
            {
                foreach (var child in vm.Snapshots.Where(s => s.ParentId == snapshot.Id))
                {
                    child.ParentId = snapshot.ParentId;
                }

                if (vm.CurrentSnapshotId == snapshot.Id)
                {
                    vm.CurrentSnapshotId = snapshot.ParentId;
                }

                vm.Snapshots.Remove(snapshot);
            }

            var taskId = StartTask(MockOperations.SnapshotDelete, vm, $"{vm.Id}/{snapshotId}", now, failure, phase: "deleting-snapshot");
            Persist();
            return taskId;
        }
    }

    /// <summary>
    /// Reverts a VM to a snapshot: CPU, memory and disks as they were (disks added since are dropped), the snapshot
    /// becomes current, and the VM is on if the snapshot holds memory, off otherwise. Idempotent (reverting twice
    /// yields the same state). Mutates the VM.
    /// </summary>
    /// <exception cref="ProviderException">UNIMPLEMENTED (snapshots switched off), NOT_FOUND (VM or snapshot),
    /// FAILED_PRECONDITION (busy).</exception>
    public string? RevertSnapshot(string vmId, string snapshotId)
    {
        if (!Capabilities.Snapshots)
        {
            throw ProviderErrors.Unimplemented("snapshots");
        }

        RequireField(snapshotId, "snapshot_id");
        lock (_gate)
        {
            EnsureStarted();
            var now = _time.GetUtcNow();
            var vm = RequireVm(vmId);
            var snapshot = vm.Snapshots.Find(s => s.Id == snapshotId) ?? throw ProviderErrors.NotFound("snapshot", snapshotId);
            EnsureIdle(vm, now);
            var failure = _faults.DecideTask(MockOperations.SnapshotRevert);
            if (failure is null)
            {
                vm.Cpu = snapshot.Cpu;
                vm.MemoryMiB = snapshot.MemoryMiB;
                vm.Disks.RemoveAll(d => snapshot.Disks.TrueForAll(s => s.DiskId != d.Id));
                foreach (var disk in vm.Disks)
                {
                    var saved = snapshot.Disks.Find(s => s.DiskId == disk.Id)!;
                    disk.SizeBytes = saved.SizeBytes;
                    disk.ContentId = saved.ContentId;
                    disk.Generation = saved.Generation;
                }

                vm.CurrentSnapshotId = snapshot.Id;
                vm.Transition = null;
                if (snapshot.IncludesMemory && vm.Power != VmPowerState.On)
                {
                    // The memory image resumes the guest: running, without a boot (no new disk generation).
                    vm.Power = VmPowerState.On;
                    vm.VncDisplay = AllocateDisplay(vm, now);
                    vm.RunCancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
                }
                else if (!snapshot.IncludesMemory && vm.Power == VmPowerState.On)
                {
                    StopGuest(vm, TimeSpan.Zero);
                }
            }

            var taskId = StartTask(MockOperations.SnapshotRevert, vm, $"{vm.Id}/{snapshotId}", now, failure, phase: "reverting");
            Persist();
            return taskId;
        }
    }
}
