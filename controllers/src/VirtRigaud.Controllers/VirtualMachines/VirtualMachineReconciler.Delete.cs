using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    /// <summary>
    /// Deletion: the provider VM is deleted and its task awaited before the finalizer goes.
    /// <code>
    /// situation                                         outcome
    /// no status.id, no Create ever sent                 finalizer removed
    /// no status.id, a Create may have reached provider  ListVMs finds it by name ⇒ deleted as below; not found ⇒ removed
    /// a task of the VM runs (create, power…)            awaited first (the provider refuses to delete a busy VM)
    /// Delete ok / NotFound                              task awaited, then finalizer removed
    /// provider missing, not connected, refusing,        finalizer kept: Deleting=True/ProviderError says why, event
    /// delete task failed                                DeleteFailed, retried with back-off — unless the VM carries
    ///                                                   virtrigaud.io/force-delete: "true" (then removed, event ForceDeleted)
    /// </code>
    /// Upstream removed the finalizer when the provider could not be resolved (orphaning the VM) and never awaited the
    /// delete task.
    /// </summary>
    private async Task<ReconcileResult> ReconcileDeleteAsync(ObjectKey key, VirtualMachine vm, CancellationToken cancellationToken)
    {
        if (!vm.Metadata.HasFinalizer(VirtualMachineConventions.Finalizer))
        {
            return ReconcileResult.Done;
        }

        var draft = new Draft(vm, _time.GetUtcNow());
        draft.Status = draft.Status with { Phase = VirtualMachinePhase.Deleting };
        if (Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReady) is not { Status: ConditionStatus.False, Reason: VirtualMachineConventions.ReasonDeleting })
        {
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonDeleting, "the VM is being deleted");
        }

        var lookUpByName = string.IsNullOrEmpty(draft.Status.Id) && CreateMayHaveHappened(draft.Status);
        if (string.IsNullOrEmpty(draft.Status.Id) && !lookUpByName)
        {
            return await RemoveFinalizerAsync(key, draft, "no provider VM was created", cancellationToken).ConfigureAwait(false);
        }

        var force = vm.Metadata.Annotation(VirtualMachineConventions.ForceDeleteAnnotation) == "true";
        var providerNs = string.IsNullOrEmpty(vm.Spec.ProviderRef.Namespace) ? vm.Metadata.Namespace ?? "" : vm.Spec.ProviderRef.Namespace;
        var connection = _pool.Get(providerNs, vm.Spec.ProviderRef.Name);
        if (connection is null)
        {
            var why = _providers.Get(providerNs, vm.Spec.ProviderRef.Name) is null
                ? $"Provider {providerNs}/{vm.Spec.ProviderRef.Name} not found"
                : $"Provider {providerNs}/{vm.Spec.ProviderRef.Name} is not connected";
            return await BlockedAsync(key, draft, force, why, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (draft.Status.LastTaskRef is { Length: > 0 } task)
            {
                var deleteTask = Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionDeleting) is { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonTaskInProgress };
                var (outcome, error) = await PollAsync(key, draft, connection, task, cancellationToken).ConfigureAwait(false);
                switch (outcome)
                {
                    case TaskOutcome.Running:
                        await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
                        return WaitForTask(key, connection, task);
                    case TaskOutcome.Failed when deleteTask:
                        draft.Status = draft.Status with { LastTaskRef = null };
                        _metrics.RecordError("provider-delete");
                        return await BlockedAsync(key, draft, force, $"provider delete task {task} failed: {error}", cancellationToken).ConfigureAwait(false);
                    case TaskOutcome.Done when deleteTask:
                        draft.Status = draft.Status with { LastTaskRef = null };
                        return await RemoveFinalizerAsync(key, draft, $"VM {draft.Status.Id} deleted from provider {vm.Spec.ProviderRef.Name}", cancellationToken).ConfigureAwait(false);
                    default:
                        // A create, power or reconfigure task ended (either way): the VM can be deleted now.
                        draft.Status = draft.Status with { LastTaskRef = null };
                        break;
                }
            }

            if (draft.Status.ReconfigureTaskRef is { Length: > 0 } reconfigure)
            {
                var (outcome, _) = await PollAsync(key, draft, connection, reconfigure, cancellationToken).ConfigureAwait(false);
                if (outcome == TaskOutcome.Running)
                {
                    await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
                    return WaitForTask(key, connection, reconfigure);
                }

                draft.Status = draft.Status with { ReconfigureTaskRef = null };
            }

            if (string.IsNullOrEmpty(draft.Status.Id))
            {
                // The Create answer may have been lost: the provider keys VMs by name, so look for it.
                draft.Operation = VmOperation.ListVMs;
                var listed = await connection.ListVMsAsync(cancellationToken).ConfigureAwait(false);
                var found = listed.Vms.FirstOrDefault(v => v.Name == vm.Metadata.Name);
                if (found is null)
                {
                    return await RemoveFinalizerAsync(key, draft, $"no VM named {vm.Metadata.Name} exists on provider {vm.Spec.ProviderRef.Name}", cancellationToken).ConfigureAwait(false);
                }

                draft.Status = draft.Status with { Id = found.Id };
            }

            draft.Operation = VmOperation.Delete;
            var response = await connection.DeleteAsync(new DeleteRequest { Id = draft.Status.Id }, cancellationToken).ConfigureAwait(false);
            if (response.Task is { Id.Length: > 0 } started)
            {
                draft.Status = draft.Status with { LastTaskRef = started.Id, Message = null };
                draft.Set(VirtualMachineConventions.ConditionDeleting, ConditionStatus.True, VirtualMachineConventions.ReasonTaskInProgress, $"waiting for provider delete task {started.Id}");
                _events.Event(vm, EventTypes.Normal, VirtualMachineConventions.ReasonDeleting, $"deleting VM {draft.Status.Id} from provider {vm.Spec.ProviderRef.Name}");
                await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
                return WaitForTask(key, connection, started.Id);
            }

            return await RemoveFinalizerAsync(key, draft, $"VM {draft.Status.Id} deleted from provider {vm.Spec.ProviderRef.Name}", cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && draft.Operation == VmOperation.Delete)
        {
            // Already gone from the hypervisor.
            return await RemoveFinalizerAsync(key, draft, $"VM {draft.Status.Id} was already gone from provider {vm.Spec.ProviderRef.Name}", cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.RecordError("provider-delete");
            return await BlockedAsync(key, draft, force, $"provider {providerNs}/{vm.Spec.ProviderRef.Name}: {draft.Operation} failed: {e.Status.Detail} ({ProviderRpcMetricsCode(e.StatusCode)})", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The provider cannot delete the VM now: keep the finalizer and say why — or let go when force-delete is set.</summary>
    private async Task<ReconcileResult> BlockedAsync(ObjectKey key, Draft draft, bool force, string why, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrEmpty(draft.Status.Id) ? $"named {draft.Vm.Metadata.Name}" : draft.Status.Id;
        if (force)
        {
            VirtualMachineLog.ForceDeleted(_logger, key.ToString(), VirtualMachineConventions.ForceDeleteAnnotation, why);
            _events.Event(draft.Vm, EventTypes.Warning, "ForceDeleted", $"{why}; finalizer removed because of {VirtualMachineConventions.ForceDeleteAnnotation}: the provider VM {id} may remain");
            return await RemoveFinalizerAsync(key, draft, null, cancellationToken).ConfigureAwait(false);
        }

        var message = $"{why}; the provider VM {id} may still exist, so the finalizer stays (annotate {VirtualMachineConventions.ForceDeleteAnnotation}=\"true\" to remove it anyway)";
        VirtualMachineLog.DeleteBlocked(_logger, key.ToString(), message);
        draft.Set(VirtualMachineConventions.ConditionDeleting, ConditionStatus.True, VirtualMachineConventions.ReasonProviderError, message);
        draft.Status = draft.Status with { Message = message };
        _events.Event(draft.Vm, EventTypes.Warning, "DeleteFailed", message);
        await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.After(_requeue.AfterDeleteFailure(_failures.AddOrUpdate(key, 1, (_, n) => n + 1)));
    }

    private async Task<ReconcileResult> RemoveFinalizerAsync(ObjectKey key, Draft draft, string? what, CancellationToken cancellationToken)
    {
        var vm = draft.Vm;
        try
        {
            await _client.VirtualMachines(vm.Metadata.Namespace).UpdateAsync(
                vm with { Metadata = vm.Metadata with { Finalizers = [.. (vm.Metadata.Finalizers ?? []).Where(f => f != VirtualMachineConventions.Finalizer)] } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException)
        {
            _metrics.RecordError("remove-finalizer");
            throw;
        }

        Forget(key, vm);
        VirtualMachineLog.Deleted(_logger, key.ToString());
        if (what is not null)
        {
            _events.Event(vm, EventTypes.Normal, "Deleted", what);
        }

        return ReconcileResult.Done;
    }

    private static string ProviderRpcMetricsCode(StatusCode code) => Providers.ProviderRpcMetrics.CodeName(code);
}
