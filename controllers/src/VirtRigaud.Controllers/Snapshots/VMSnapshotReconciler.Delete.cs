using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Snapshots;

public sealed partial class VMSnapshotReconciler
{
    /// <summary>
    /// Deletion: SnapshotDelete through the VM's provider, its task tracked to completion, then the finalizer goes.
    /// <code>
    /// state                                        action
    /// create task in flight                        wait for it (a snapshot being taken cannot be deleted yet)
    /// nothing taken, VM gone, VM without an id     remove the finalizer (nothing on the provider)
    /// VM being deleted                             wait: the provider VM's deletion takes its snapshots
    /// VM busy with a task                          wait
    /// delete task in flight                        poll; failed ⇒ retried
    /// otherwise                                    SnapshotDelete (idempotent)
    /// provider error / unreachable                 Ready=False, Deleting=True/ProviderError, event, back-off retry —
    ///                                              or, with virtrigaud.io/force-delete: "true", remove the finalizer
    /// </code>
    /// </summary>
    private async Task<ReconcileResult> ReconcileDeleteAsync(ObjectKey key, VMSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!snapshot.Metadata.HasFinalizer(VMSnapshotConventions.Finalizer))
        {
            return ReconcileResult.Done;
        }

        var draft = new Draft(snapshot, _time.GetUtcNow());
        DeleteStep step;
        try
        {
            step = await DeleteLiveAsync(key, draft, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.RecordError("provider-" + draft.Operation.ToLowerInvariant());
            VMSnapshotLog.ProviderFailed(_logger, key.ToString(), draft.ProviderName, draft.Operation, e.StatusCode.ToString(), e.Status.Detail);
            step = DeleteFailed(key, draft, $"provider {draft.ProviderName}: {draft.Operation} failed: {e.Status.Detail} ({e.StatusCode})");
        }

        if (step.Removed is { } why)
        {
            await SetFinalizerAsync(draft.Snapshot, add: false, cancellationToken).ConfigureAwait(false);
            _failures.TryRemove(key, out _);
            _taskFailures.TryRemove(key, out _);
            VMSnapshotLog.Deleted(_logger, key.ToString());
            _events.Event(draft.Snapshot, EventTypes.Normal, VMSnapshotConventions.EventDeleted, why);
            return ReconcileResult.Done;
        }

        await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
        return step.Result!.Value;
    }

    private async Task<DeleteStep> DeleteLiveAsync(ObjectKey key, Draft draft, CancellationToken cancellationToken)
    {
        var snapshot = draft.Snapshot;
        var creating = draft.Status.Phase == SnapshotPhase.Creating && !string.IsNullOrEmpty(draft.Status.TaskRef);
        if (draft.Status.Phase != SnapshotPhase.Deleting && !creating)
        {
            _events.Event(snapshot, EventTypes.Normal, VMSnapshotConventions.EventDeleting, $"deleting snapshot \"{draft.Status.SnapshotID}\"");
        }

        var vm = _vms.Get(key.Namespace, snapshot.Spec.VMRef.Name);
        if (string.IsNullOrEmpty(draft.Status.SnapshotID))
        {
            return DeleteStep.Remove("no provider snapshot was taken");
        }

        if (vm is null || string.IsNullOrEmpty(vm.Status?.Id))
        {
            return DeleteStep.Remove($"VirtualMachine {snapshot.Spec.VMRef.Name} is gone, and its provider snapshots with it");
        }

        if (vm.Metadata.DeletionTimestamp is not null)
        {
            return Deleting(draft, $"waiting for VirtualMachine {vm.Metadata.Name} to be deleted (its provider snapshots go with it)", _options.WaitInterval);
        }

        var context = Resolve(draft, vm, countFailure: false);
        if (context.Waiting is not null)
        {
            return DeleteFailed(key, draft, draft.Status.Message ?? "provider not connected");
        }

        if (creating)
        {
            // A snapshot being taken cannot be deleted until its task ends.
            var task = draft.Status.TaskRef!;
            draft.Operation = "TaskStatus";
            try
            {
                if (!await context.Connection!.IsTaskCompleteAsync(new TaskRef { Id = task }, cancellationToken).ConfigureAwait(false))
                {
                    return Deleting(draft, $"waiting for the SnapshotCreate task {task} to finish before deleting", _options.TaskPollInterval);
                }
            }
            catch (ProviderTaskFailedException)
            {
                return DeleteStep.Remove("the snapshot was never taken (its SnapshotCreate task failed)");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Unknown task: SnapshotDelete below is idempotent either way.
            }

            _events.Event(snapshot, EventTypes.Normal, VMSnapshotConventions.EventDeleting, $"deleting snapshot \"{draft.Status.SnapshotID}\"");
            draft.Status = draft.Status with { TaskRef = null };
        }
        else if (draft.Status.Phase == SnapshotPhase.Deleting && draft.Status.TaskRef is { Length: > 0 } deleteTask)
        {
            draft.Operation = "TaskStatus";
            try
            {
                if (await context.Connection!.IsTaskCompleteAsync(new TaskRef { Id = deleteTask }, cancellationToken).ConfigureAwait(false))
                {
                    return DeleteStep.Remove($"snapshot \"{draft.Status.SnapshotID}\" deleted from provider {draft.ProviderName}");
                }

                return Deleting(draft, $"waiting for the SnapshotDelete task {deleteTask}", _options.TaskPollInterval);
            }
            catch (ProviderTaskFailedException e)
            {
                draft.Status = draft.Status with { TaskRef = null };
                return DeleteFailed(key, draft, $"SnapshotDelete task {deleteTask} failed: {e.TaskError}");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                draft.Status = draft.Status with { TaskRef = null };
            }
        }

        if (VmBusy(vm) is { } busy)
        {
            return Deleting(draft, busy, _options.TaskPollInterval);
        }

        draft.Operation = "SnapshotDelete";
        var response = await context.Connection!.SnapshotDeleteAsync(new SnapshotDeleteRequest { VmId = vm.Status!.Id!, SnapshotId = draft.Status.SnapshotID }, cancellationToken).ConfigureAwait(false);
        if (response.Task is { Id.Length: > 0 } started)
        {
            draft.Status = draft.Status with { TaskRef = started.Id };
            return Deleting(draft, $"waiting for the SnapshotDelete task {started.Id}", _options.TaskPollInterval);
        }

        return DeleteStep.Remove($"snapshot \"{draft.Status.SnapshotID}\" deleted from provider {draft.ProviderName}");
    }

    private static DeleteStep Deleting(Draft draft, string message, TimeSpan after)
    {
        draft.Set(VMSnapshotConventions.ConditionDeleting, ConditionStatus.True, VMSnapshotConventions.ReasonDeleting, message);
        draft.Status = draft.Status with { Phase = SnapshotPhase.Deleting, Message = message };
        return DeleteStep.Wait(ReconcileResult.After(after));
    }

    /// <summary>The provider refused or could not be reached: retried with back-off, or given up with the force-delete annotation.</summary>
    private DeleteStep DeleteFailed(ObjectKey key, Draft draft, string detail)
    {
        if (draft.Snapshot.Metadata.Annotation(VMSnapshotConventions.ForceDeleteAnnotation) == "true")
        {
            VMSnapshotLog.ForceDeleted(_logger, key.ToString(), VMSnapshotConventions.ForceDeleteAnnotation, detail);
            _events.Event(draft.Snapshot, EventTypes.Warning, VMSnapshotConventions.EventDeleteFailed,
                $"{detail}; finalizer removed because of {VMSnapshotConventions.ForceDeleteAnnotation}: the provider snapshot \"{draft.Status.SnapshotID}\" may remain");
            return DeleteStep.Remove($"removed with {VMSnapshotConventions.ForceDeleteAnnotation} (the provider snapshot may remain)");
        }

        var attempt = _failures.AddOrUpdate(key, 1, (_, n) => n + 1);
        var delay = _options.Backoff(attempt);
        var message = $"{detail}; retrying in {delay} (annotate with {VMSnapshotConventions.ForceDeleteAnnotation}: \"true\" to remove the VMSnapshot without deleting the provider snapshot)";
        draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonProviderError, message);
        draft.Set(VMSnapshotConventions.ConditionDeleting, ConditionStatus.True, VMSnapshotConventions.ReasonProviderError, message);
        draft.Status = draft.Status with { Phase = SnapshotPhase.Deleting, Message = message };
        _events.Event(draft.Snapshot, EventTypes.Warning, VMSnapshotConventions.EventDeleteFailed, detail);
        return DeleteStep.Wait(ReconcileResult.After(delay));
    }

    /// <summary>One deletion pass's outcome: remove the finalizer (with the reason), or come back.</summary>
    private readonly record struct DeleteStep(string? Removed, ReconcileResult? Result)
    {
        public static DeleteStep Remove(string why) => new(why, null);

        public static DeleteStep Wait(ReconcileResult result) => new(null, result);
    }
}
