using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    /// <summary>
    /// Settles <c>status.reconfigureTaskRef</c> and <c>status.lastTaskRef</c>: a running task keeps the VM waiting (a
    /// WatchTask stream wakes it when the task ends; otherwise it is polled); a finished one is cleared and its
    /// operation completed; a failed one is cleared too, recorded and retried with back-off a bounded number of times
    /// (upstream kept polling a failed task forever). Returns null when nothing is in flight.
    /// </summary>
    private async Task<ReconcileResult?> TrackTasksAsync(ObjectKey key, Draft draft, ProviderConnection connection, Dependencies dependencies, CancellationToken cancellationToken)
    {
        if (draft.Status.ReconfigureTaskRef is { Length: > 0 } reconfigureTask)
        {
            var (outcome, error) = await PollAsync(key, draft, connection, reconfigureTask, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case TaskOutcome.Running:
                    draft.Status = draft.Status with { Phase = VirtualMachinePhase.Reconfiguring };
                    return WaitForTask(key, connection, reconfigureTask);
                case TaskOutcome.Failed:
                    draft.Status = draft.Status with { ReconfigureTaskRef = null };
                    ForgetHardware(draft.Vm);
                    return await OperationFailedAsync(key, draft, VmOperation.Reconfigure, VirtualMachineConventions.ReasonTaskFailed, $"reconfigure task {reconfigureTask} failed: {error}", cancellationToken).ConfigureAwait(false);
                default:
                    draft.Status = draft.Status with { ReconfigureTaskRef = null };
                    ReconfigureCompleted(key, draft, DesiredHardware.Of(draft.Vm, dependencies.Class!), Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring)?.Message ?? "reconfigured");
                    break;
            }
        }

        if (draft.Status.LastTaskRef is not { Length: > 0 } task)
        {
            return null;
        }

        var operation = InFlight(draft.Status);
        var (state, failure) = await PollAsync(key, draft, connection, task, cancellationToken).ConfigureAwait(false);
        switch (state)
        {
            case TaskOutcome.Running:
                if (operation == VmOperation.Shutdown && ShutdownRemaining(draft) <= TimeSpan.Zero)
                {
                    // The guest did not finish in time: the power step powers off hard (which supersedes this task).
                    return null;
                }

                draft.Status = draft.Status with { Phase = operation == VmOperation.Create ? VirtualMachinePhase.Provisioning : VirtualMachinePhase.Reconfiguring };
                var wait = WaitForTask(key, connection, task);
                return operation == VmOperation.Shutdown && wait.RequeueAfter > ShutdownRemaining(draft)
                    ? ReconcileResult.After(ShutdownRemaining(draft))
                    : wait;
            case TaskOutcome.Failed:
                draft.Status = draft.Status with { LastTaskRef = null };
                var message = $"{OperationText(operation)} task {task} failed: {failure}";
                if (operation == VmOperation.Create)
                {
                    // The provider handed out an id for a VM that never came to be: forget it, so the retry creates afresh.
                    draft.Status = draft.Status with { Id = null, CurrentResources = null };
                }
                else if (operation is VmOperation.Revert or VmOperation.Reboot)
                {
                    draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.False, VirtualMachineConventions.ReasonTaskFailed, message);
                }

                return await OperationFailedAsync(key, draft, operation, VirtualMachineConventions.ReasonTaskFailed, message, cancellationToken).ConfigureAwait(false);
            default:
                draft.Status = draft.Status with { LastTaskRef = null };
                await TaskCompletedAsync(key, draft, dependencies, operation, cancellationToken).ConfigureAwait(false);
                return null;
        }
    }

    private async Task TaskCompletedAsync(ObjectKey key, Draft draft, Dependencies dependencies, VmOperation operation, CancellationToken cancellationToken)
    {
        _budget.Succeeded(key.ToString(), operation.ToString());
        switch (operation)
        {
            case VmOperation.Create:
                draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.False, VirtualMachineConventions.ReasonReconcileSuccess, "VM created");
                _events.Event(draft.Vm, EventTypes.Normal, "Created", $"VM {draft.Status.Id} created on provider {dependencies.ProviderName}");
                break;
            case VmOperation.Reboot:
                await RebootCompletedAsync(draft, cancellationToken).ConfigureAwait(false);
                break;
            case VmOperation.Revert:
                await RevertCompletedAsync(draft, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>What the task in <c>status.lastTaskRef</c> is for, from the condition its operation set (see <see cref="VirtualMachineConventions"/>).</summary>
    private static VmOperation InFlight(VirtualMachineStatus status)
    {
        if (Conditions.Find(status.Conditions, VirtualMachineConventions.ConditionProvisioning) is { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonCreating })
        {
            return VmOperation.Create;
        }

        return Conditions.Find(status.Conditions, VirtualMachineConventions.ConditionReconfiguring) switch
        {
            { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonShuttingDown } => VmOperation.Shutdown,
            { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonRebooting } => VmOperation.Reboot,
            { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonRevertingSnapshot } => VmOperation.Revert,
            _ => VmOperation.Power,
        };
    }

    /// <summary>One TaskStatus (through the breaker): running, done, or failed with the provider's error.</summary>
    private async Task<(TaskOutcome Outcome, string Error)> PollAsync(ObjectKey key, Draft draft, ProviderConnection connection, string taskId, CancellationToken cancellationToken)
    {
        var previous = draft.Operation;
        draft.Operation = VmOperation.TaskStatus;
        try
        {
            var done = await connection.IsTaskCompleteAsync(new TaskRef { Id = taskId }, cancellationToken).ConfigureAwait(false);
            draft.Operation = previous;
            return (done ? TaskOutcome.Done : TaskOutcome.Running, "");
        }
        catch (ProviderTaskFailedException e)
        {
            draft.Operation = previous;
            VirtualMachineLog.TaskFailed(_logger, key.ToString(), taskId, e.TaskError);
            _metrics.RecordError("provider-task-status");
            return (TaskOutcome.Failed, e.TaskError);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // The provider no longer knows the task (it restarted without its state): the outcome is unknown, so the
            // reference is dropped and the level-based steps look at the VM itself.
            draft.Operation = previous;
            VirtualMachineLog.TaskWatchEnded(_logger, key.ToString(), taskId, e.StatusCode.ToString());
            return (TaskOutcome.Done, "");
        }
    }

    /// <summary>Waits for a running task: a WatchTask stream rings when it ends (safety-net requeue), else poll.</summary>
    private ReconcileResult WaitForTask(ObjectKey key, ProviderConnection connection, string taskId) =>
        ReconcileResult.After(Watcher.Watch(key, connection, taskId) ? Options.TaskWatchResyncInterval : Options.TaskPollInterval);

    private enum TaskOutcome
    {
        Done,
        Running,
        Failed,
    }
}
