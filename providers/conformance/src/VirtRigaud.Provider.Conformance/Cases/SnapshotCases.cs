using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>snapshot-create-revert-delete: a snapshot's life, observed through the power state it restores.</summary>
internal static class SnapshotCases
{
    public static readonly ConformanceCase SnapshotCreateRevertDelete = new(
        ConformanceCaseNames.SnapshotCreateRevertDelete,
        "SnapshotCreate (idempotent by name), SnapshotRevert restores the snapshot's power state (memory snapshots when advertised, refused otherwise), SnapshotDelete is idempotent and a deleted snapshot cannot be reverted to. Skipped when supports_snapshots is false and SnapshotCreate is refused.",
        SnapshotAsync);

    private static async Task<CaseVerdict> SnapshotAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var capabilities = await context.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var id = await context.CreateVmAsync("snap", cancellationToken).ConfigureAwait(false);
        if (!capabilities.SupportsSnapshots)
        {
            return await context.SkipWhenRefusedAsync(
                "supports_snapshots is false",
                $"SnapshotCreate on {id}",
                () => context.Client.SnapshotCreateAsync(NewSnapshot(id, context.Name("snap-absent"), memory: false), cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }

        // A disk snapshot of the stopped VM: reverting to it must stop the VM again.
        await context.PowerAsync(id, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
        var diskSnapshot = await CreateSnapshotAsync(context, id, context.Name("snap-disk"), memory: false, cancellationToken).ConfigureAwait(false);
        var repeat = await context.Client.SnapshotCreateAsync(NewSnapshot(id, context.Name("snap-disk"), memory: false), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        context.Step($"SnapshotCreate {id} {context.Name("snap-disk")} again → snapshot_id \"{repeat.SnapshotId}\"{TaskSuffix(repeat.Task)}");
        Check(repeat.SnapshotId == diskSnapshot, $"SnapshotCreate of the existing snapshot {context.Name("snap-disk")} returned \"{repeat.SnapshotId}\", want \"{diskSnapshot}\"");
        await context.AwaitTaskAsync(repeat.Task, "the repeated SnapshotCreate", cancellationToken).ConfigureAwait(false);

        await context.PowerAsync(id, PowerOp.On, PowerCases.On, cancellationToken).ConfigureAwait(false);
        await RevertAsync(context, id, diskSnapshot, cancellationToken).ConfigureAwait(false);
        await context.AwaitPowerStateAsync(id, PowerCases.Off, $"after reverting to the snapshot of the stopped VM", cancellationToken).ConfigureAwait(false);
        await RevertAsync(context, id, diskSnapshot, cancellationToken).ConfigureAwait(false);
        await context.AwaitPowerStateAsync(id, PowerCases.Off, $"after reverting a second time", cancellationToken).ConfigureAwait(false);

        // A memory snapshot of the running VM: reverting to it must bring the VM back running.
        await context.PowerAsync(id, PowerOp.On, PowerCases.On, cancellationToken).ConfigureAwait(false);
        var memoryNote = "";
        if (capabilities.SupportsMemorySnapshots)
        {
            var memorySnapshot = await CreateSnapshotAsync(context, id, context.Name("snap-mem"), memory: true, cancellationToken).ConfigureAwait(false);
            await context.PowerAsync(id, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
            await RevertAsync(context, id, memorySnapshot, cancellationToken).ConfigureAwait(false);
            await context.AwaitPowerStateAsync(id, PowerCases.On, "after reverting to the memory snapshot of the running VM", cancellationToken).ConfigureAwait(false);
            await DeleteSnapshotAsync(context, id, memorySnapshot, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await context.ExpectStatusAsync(
                $"SnapshotCreate with include_memory on {id} (supports_memory_snapshots=false)",
                [StatusCode.Unimplemented, StatusCode.FailedPrecondition],
                () => context.Client.SnapshotCreateAsync(NewSnapshot(id, context.Name("snap-mem"), memory: true), cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            memoryNote = "memory snapshots not advertised; checked that include_memory is refused";
        }

        await DeleteSnapshotAsync(context, id, diskSnapshot, cancellationToken).ConfigureAwait(false);
        var deleteAgain = await context.Client.SnapshotDeleteAsync(new SnapshotDeleteRequest { VmId = id, SnapshotId = diskSnapshot }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        context.Step($"SnapshotDelete {id} {diskSnapshot} again → OK{TaskSuffix(deleteAgain.Task)}");
        await context.AwaitTaskAsync(deleteAgain.Task, "the repeated SnapshotDelete", cancellationToken).ConfigureAwait(false);
        await context.ExpectStatusAsync(
            $"SnapshotRevert {id} to the deleted {diskSnapshot}",
            [StatusCode.NotFound],
            () => context.Client.SnapshotRevertAsync(new SnapshotRevertRequest { VmId = id, SnapshotId = diskSnapshot }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return CaseVerdict.Pass(memoryNote);
    }

    private static SnapshotCreateRequest NewSnapshot(string vmId, string name, bool memory) => new()
    {
        VmId = vmId,
        NameHint = name,
        IncludeMemory = memory,
        Description = "virtrigaud provider conformance",
    };

    private static async Task<string> CreateSnapshotAsync(ConformanceContext context, string vmId, string name, bool memory, CancellationToken cancellationToken)
    {
        var response = await context.Client.SnapshotCreateAsync(NewSnapshot(vmId, name, memory), cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Step($"SnapshotCreate {vmId} {name} include_memory={Lower(memory)} → snapshot_id \"{response.SnapshotId}\"{TaskSuffix(response.Task)}");
        Check(response.SnapshotId.Length > 0, $"SnapshotCreate {name}: empty snapshot_id");
        await context.AwaitTaskAsync(response.Task, $"SnapshotCreate {name}", cancellationToken).ConfigureAwait(false);
        return response.SnapshotId;
    }

    private static async Task RevertAsync(ConformanceContext context, string vmId, string snapshotId, CancellationToken cancellationToken)
    {
        var response = await context.Client.SnapshotRevertAsync(new SnapshotRevertRequest { VmId = vmId, SnapshotId = snapshotId }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        context.Step($"SnapshotRevert {vmId} {snapshotId} → OK{TaskSuffix(response.Task)}");
        await context.AwaitTaskAsync(response.Task, $"SnapshotRevert to {snapshotId}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteSnapshotAsync(ConformanceContext context, string vmId, string snapshotId, CancellationToken cancellationToken)
    {
        var response = await context.Client.SnapshotDeleteAsync(new SnapshotDeleteRequest { VmId = vmId, SnapshotId = snapshotId }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        context.Step($"SnapshotDelete {vmId} {snapshotId} → OK{TaskSuffix(response.Task)}");
        await context.AwaitTaskAsync(response.Task, $"SnapshotDelete {snapshotId}", cancellationToken).ConfigureAwait(false);
    }
}
