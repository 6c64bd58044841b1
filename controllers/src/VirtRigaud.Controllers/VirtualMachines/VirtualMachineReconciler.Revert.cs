using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    /// <summary>
    /// <c>spec.snapshot.revertToRef</c> (upstream accepted it and did nothing): SnapshotRevert once per new ref, to
    /// the provider snapshot of a Ready VMSnapshot of this VM. The ref carried out is remembered in the annotation
    /// <c>virtrigaud.io/reverted-to-snapshot</c> when the revert finished (or was given up), and dropped when the
    /// field is cleared — clear and set the field again to revert to the same snapshot again. Reported by the
    /// <c>SnapshotReverted</c> condition and events. A snapshot that is missing, not Ready, or of another VM holds the
    /// revert (and Ready) until it is; the other steps go on.
    /// </summary>
    private async Task<ReconcileResult?> ReconcileRevertAsync(ObjectKey key, Draft draft, ProviderConnection connection, Dependencies dependencies, CancellationToken cancellationToken)
    {
        var vm = draft.Vm;
        var wanted = vm.Spec.Snapshot?.RevertToRef?.Name;
        var handled = vm.Metadata.Annotation(VirtualMachineConventions.RevertedToSnapshotAnnotation);
        if (string.IsNullOrEmpty(wanted))
        {
            if (handled is not null)
            {
                await MarkHandledAsync(draft, VirtualMachineConventions.RevertedToSnapshotAnnotation, null, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (wanted == handled || GivenUp(key, draft, VmOperation.Revert))
        {
            return null;
        }

        var ns = vm.Metadata.Namespace ?? "";
        var snapshot = _snapshots.Get(ns, wanted);
        var problem = snapshot switch
        {
            null => $"VMSnapshot {ns}/{wanted} (spec.snapshot.revertToRef) not found",
            _ when snapshot.Spec.VMRef.Name != vm.Metadata.Name => $"VMSnapshot {ns}/{wanted} (spec.snapshot.revertToRef) is a snapshot of VM {snapshot.Spec.VMRef.Name}, not of this VM",
            _ when snapshot.Status?.Phase != SnapshotPhase.Ready || string.IsNullOrEmpty(snapshot.Status.SnapshotID) =>
                $"VMSnapshot {ns}/{wanted} (spec.snapshot.revertToRef) is not Ready (phase {snapshot.Status?.Phase?.ToString() ?? "unknown"})",
            _ => null,
        };
        if (problem is not null)
        {
            draft.Set(VirtualMachineConventions.ConditionSnapshotReverted, ConditionStatus.False, VirtualMachineConventions.ReasonWaitingForSnapshot, problem);
            draft.Block(VirtualMachineConventions.ReasonWaitingForDependencies, problem, VirtualMachineConventions.ConditionSnapshotReverted);
            return null;
        }

        if (dependencies.Capabilities?.SupportsSnapshots == false)
        {
            var unsupported = $"provider {dependencies.ProviderName} does not support snapshots: spec.snapshot.revertToRef {wanted} cannot be carried out";
            draft.Set(VirtualMachineConventions.ConditionSnapshotReverted, ConditionStatus.False, VirtualMachineConventions.ReasonUnsupported, unsupported);
            _events.Event(vm, EventTypes.Warning, VirtualMachineConventions.ReasonUnsupported, unsupported);
            await MarkHandledAsync(draft, VirtualMachineConventions.RevertedToSnapshotAnnotation, wanted, cancellationToken).ConfigureAwait(false);
            return null;
        }

        draft.Operation = VmOperation.Revert;
        var snapshotId = snapshot!.Status!.SnapshotID!;
        var response = await connection.SnapshotRevertAsync(new SnapshotRevertRequest { VmId = draft.Status.Id, SnapshotId = snapshotId }, cancellationToken).ConfigureAwait(false);
        VirtualMachineLog.Operation(_logger, key.ToString(), "snapshot revert", $"to VMSnapshot {wanted} ({snapshotId})");
        ForgetHardware(vm);
        if (response.Task is { Id.Length: > 0 } task)
        {
            var message = $"reverting to VMSnapshot {wanted} (provider snapshot {snapshotId})";
            draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.True, VirtualMachineConventions.ReasonRevertingSnapshot, message);
            draft.Set(VirtualMachineConventions.ConditionSnapshotReverted, ConditionStatus.False, VirtualMachineConventions.ReasonRevertingSnapshot, message);
            draft.Status = draft.Status with { LastTaskRef = task.Id, Phase = VirtualMachinePhase.Reconfiguring };
            _events.Event(vm, EventTypes.Normal, VirtualMachineConventions.ReasonRevertingSnapshot, message);
            return WaitForTask(key, connection, task.Id);
        }

        _budget.Succeeded(key.ToString(), nameof(VmOperation.Revert));
        await RevertCompletedAsync(draft, cancellationToken).ConfigureAwait(false);

        // Describe again now: the revert changed power state and hardware; the next pass goes on from there.
        draft.Operation = VmOperation.Describe;
        var described = await connection.DescribeAsync(new DescribeRequest { Id = draft.Status.Id }, cancellationToken).ConfigureAwait(false);
        if (described.Exists)
        {
            ApplyDescribe(draft, dependencies, described);
        }

        return ReconcileResult.After(TimeSpan.Zero);
    }

    private async Task RevertCompletedAsync(Draft draft, CancellationToken cancellationToken)
    {
        var wanted = draft.Vm.Spec.Snapshot?.RevertToRef?.Name ?? "";
        var message = $"reverted to VMSnapshot {wanted}";
        draft.Set(VirtualMachineConventions.ConditionSnapshotReverted, ConditionStatus.True, VirtualMachineConventions.ReasonRevertCompleted, message);
        if (Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring) is { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonRevertingSnapshot })
        {
            draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.False, VirtualMachineConventions.ReasonReconcileSuccess, message);
        }

        // The snapshot's CPU and memory are the VM's now; the next Describe reads them (see ApplyDescribe).
        draft.HardwareChanged = true;
        ForgetHardware(draft.Vm);
        _events.Event(draft.Vm, EventTypes.Normal, "SnapshotReverted", message);
        if (wanted.Length > 0)
        {
            await MarkHandledAsync(draft, VirtualMachineConventions.RevertedToSnapshotAnnotation, wanted, cancellationToken).ConfigureAwait(false);
        }
    }
}
