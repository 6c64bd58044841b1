using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;

namespace VirtRigaud.Controllers.Snapshots;

/// <summary>
/// The VMSnapshot reconciler (API-REFERENCE §3.3 with its ⚠ fixed): finalizer; SnapshotCreate with name_hint,
/// description and include_memory, refused with <c>UnsupportedByProvider</c> when the provider cannot take memory
/// snapshots (always, not behind a flag); task tracking; a bounded number of retries of failed tasks; retention
/// (maxAge, maxCount, gracePeriod, deleteOnVMDelete, pinned — see <see cref="SnapshotRetention"/>); deletion through
/// SnapshotDelete, tracked to completion and retried with back-off, with <c>virtrigaud.io/force-delete</c> honoured.
/// </summary>
/// <remarks>
/// <para>Phases: <c>Pending → Creating → Ready ⇄ Expired → (deleted)</c>, <c>Failed</c> (terminal until the spec
/// changes), <c>Deleting</c>. Level-based: each pass re-reads the caches, does the next step and writes the status once,
/// only when it changed. Every provider call is idempotent (SnapshotCreate by VM and name, SnapshotDelete by VM and
/// snapshot id), so a restart between a call and the status write repeats the call harmlessly.</para>
/// <para>Thread-safety: the controller never reconciles one key on two workers; the per-key counters are concurrent maps.</para>
/// </remarks>
public sealed partial class VMSnapshotReconciler : IReconciler
{
    private readonly VirtRigaudClient _client;
    private readonly Lister<VMSnapshot> _snapshots;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly ProviderConnectionPool _pool;
    private readonly EventRecorder _events;
    private readonly ManagerMetrics _metrics;
    private readonly VMSnapshotReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ObjectKey, int> _failures = new();
    private readonly ConcurrentDictionary<ObjectKey, int> _taskFailures = new();

    /// <summary>Creates the reconciler over the manager's informers, client, events and metrics. Does no work.</summary>
    public VMSnapshotReconciler(ControllerManager manager, ProviderConnectionPool pool, VMSnapshotReconcilerOptions? options = null)
    {
        _client = manager.Client;
        _snapshots = manager.Informers.ListerFor(ResourceDefinitions.VMSnapshots);
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _pool = pool;
        _events = manager.Events;
        _metrics = manager.Metrics;
        _options = (options ?? new VMSnapshotReconcilerOptions()).Validate();
        _time = manager.TimeProvider;
        _logger = manager.LoggerFactory.CreateLogger<VMSnapshotReconciler>();
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var snapshot = _snapshots.Get(key.Namespace, key.Name);
        if (snapshot is null)
        {
            _failures.TryRemove(key, out _);
            _taskFailures.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        if (snapshot.Metadata.DeletionTimestamp is not null)
        {
            return await ReconcileDeleteAsync(key, snapshot, cancellationToken).ConfigureAwait(false);
        }

        if (!snapshot.Metadata.HasFinalizer(VMSnapshotConventions.Finalizer))
        {
            snapshot = await SetFinalizerAsync(snapshot, add: true, cancellationToken).ConfigureAwait(false);
        }

        var draft = new Draft(snapshot, _time.GetUtcNow());
        ReconcileResult result;
        try
        {
            result = await ReconcileLiveAsync(key, draft, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            result = ProviderFailed(key, draft, e);
        }

        await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
        if (draft.DeleteSelf)
        {
            await DeleteSelfAsync(draft.Snapshot, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<ReconcileResult> ReconcileLiveAsync(ObjectKey key, Draft draft, CancellationToken cancellationToken)
    {
        var snapshot = draft.Snapshot;
        var previousGeneration = draft.Status.ObservedGeneration;
        draft.Status = draft.Status with { ObservedGeneration = snapshot.Metadata.Generation };
        var vm = _vms.Get(key.Namespace, snapshot.Spec.VMRef.Name);
        var vmGone = vm is null || vm.Metadata.DeletionTimestamp is not null;

        // Created: the provider snapshot exists; from here on only the retention policy acts.
        if (!string.IsNullOrEmpty(draft.Status.SnapshotID) && draft.Status.Phase is SnapshotPhase.Ready or SnapshotPhase.Expired)
        {
            return Retain(key, draft, vmGone);
        }

        if (draft.Status.Phase == SnapshotPhase.Failed)
        {
            if (previousGeneration == snapshot.Metadata.Generation)
            {
                // Terminal until the spec changes (the reason is in the conditions); no polling.
                return ReconcileResult.Done;
            }

            // The spec changed: start over.
            _taskFailures.TryRemove(key, out _);
            draft.Status = draft.Status with { Phase = SnapshotPhase.Pending, Message = null, SnapshotID = null, TaskRef = null };
        }

        if (vmGone)
        {
            return VmGoneBeforeCreation(key, draft, vm);
        }

        if (!string.IsNullOrEmpty(draft.Status.TaskRef) && draft.Status.Phase == SnapshotPhase.Creating)
        {
            var context = Resolve(draft, vm!);
            if (context.Waiting is { } waiting)
            {
                return waiting;
            }

            if (await PollCreateAsync(key, draft, context, cancellationToken).ConfigureAwait(false) is { } polled)
            {
                return polled;
            }

            // The provider forgot the task (restarted without state): SnapshotCreate again, idempotently.
        }

        if (SnapshotSpecSupport.Refusals(snapshot.Spec) is { Count: > 0 } refusals)
        {
            return Fail(key, draft, VMSnapshotConventions.ReasonUnsupported, string.Join("; ", refusals));
        }

        if (string.IsNullOrEmpty(vm!.Status?.Id))
        {
            var message = $"waiting for VirtualMachine {vm.Metadata.Name} to be provisioned";
            draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.True, VMSnapshotConventions.ReasonCreating, message);
            draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonCreating, message);
            draft.Status = draft.Status with { Phase = SnapshotPhase.Pending, Message = message };
            return ReconcileResult.After(_options.WaitInterval);
        }

        if (NameConflict(draft) is { } conflict)
        {
            return conflict;
        }

        var resolved = Resolve(draft, vm);
        if (resolved.Waiting is { } notConnected)
        {
            return notConnected;
        }

        if (VmBusy(vm) is { } busy)
        {
            draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.True, VMSnapshotConventions.ReasonCreating, busy);
            draft.Status = draft.Status with { Phase = SnapshotPhase.Pending, Message = busy };
            return ReconcileResult.After(_options.TaskPollInterval);
        }

        if (await CapabilityRefusalAsync(draft, resolved, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return Fail(key, draft, VMSnapshotConventions.ReasonUnsupportedByProvider, refusal);
        }

        return await CreateAsync(key, draft, resolved, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The VM is missing or being deleted before the snapshot is Ready. Missing and nothing taken: wait (it may not be
    /// created yet; upstream's Ready=False/ProviderError). Being deleted and nothing taken: Failed. Taken (a create
    /// task was in flight): the retention policy for a deleted VM applies.
    /// </summary>
    private ReconcileResult VmGoneBeforeCreation(ObjectKey key, Draft draft, VirtualMachine? vm)
    {
        var name = $"{draft.Snapshot.Metadata.Namespace}/{draft.Snapshot.Spec.VMRef.Name}";
        if (string.IsNullOrEmpty(draft.Status.SnapshotID))
        {
            if (vm is not null)
            {
                return Fail(key, draft, VMSnapshotConventions.ReasonProviderError, $"VirtualMachine {name} is being deleted; the snapshot was not taken");
            }

            var missing = $"VirtualMachine {name} not found";
            draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonProviderError, missing);
            draft.Status = draft.Status with { Phase = SnapshotPhase.Pending, Message = missing };
            return ReconcileResult.After(_options.WaitInterval);
        }

        var decision = SnapshotRetention.Decide(draft.Snapshot with { Status = draft.Status }, vmGone: true, [], draft.Now);
        return ApplyRetention(key, draft, decision);
    }

    /// <summary>Another VMSnapshot of the same VM owns the provider snapshot name (it has the id, or it is older).</summary>
    private ReconcileResult? NameConflict(Draft draft)
    {
        var snapshot = draft.Snapshot;
        if (!string.IsNullOrEmpty(draft.Status.SnapshotID))
        {
            return null;
        }

        var name = ProviderName(snapshot);
        foreach (var sibling in Siblings(snapshot))
        {
            if (ProviderName(sibling) != name)
            {
                continue;
            }

            var owns = !string.IsNullOrEmpty(sibling.Status?.SnapshotID) || IsOlder(sibling, snapshot);
            if (!owns)
            {
                continue;
            }

            if (sibling.Metadata.DeletionTimestamp is not null)
            {
                var wait = $"waiting for VMSnapshot {sibling.Metadata.Name}, which uses the same provider snapshot name \"{name}\", to be deleted";
                draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.True, VMSnapshotConventions.ReasonCreating, wait);
                draft.Status = draft.Status with { Phase = SnapshotPhase.Pending, Message = wait };
                return ReconcileResult.After(_options.WaitInterval);
            }

            return Fail(ObjectKey.Of(snapshot), draft, VMSnapshotConventions.ReasonNameConflict,
                $"VMSnapshot {sibling.Metadata.Name} of the same VirtualMachine already uses the provider snapshot name \"{name}\"; set spec.snapshotConfig.name to a unique name");
        }

        return null;
    }

    private static bool IsOlder(VMSnapshot a, VMSnapshot b)
    {
        var order = Nullable.Compare(a.Metadata.CreationTimestamp, b.Metadata.CreationTimestamp);
        return order < 0 || (order == 0 && string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name) < 0);
    }

    /// <summary>The snapshot name asked of the provider: <c>spec.snapshotConfig.name</c>, else the object's name.</summary>
    internal static string ProviderName(VMSnapshot snapshot) =>
        string.IsNullOrEmpty(snapshot.Spec.SnapshotConfig?.Name) ? snapshot.Metadata.Name ?? "" : snapshot.Spec.SnapshotConfig.Name;

    /// <summary>The other VMSnapshots of the same VirtualMachine (from the by-VM index).</summary>
    private IEnumerable<VMSnapshot> Siblings(VMSnapshot snapshot) =>
        _snapshots.ByIndex(VMSnapshotControllerSetup.ByVmIndex, VMSnapshotControllerSetup.VmKey(snapshot.Metadata.Namespace, snapshot.Spec.VMRef.Name))
            .Where(s => s.Metadata.Name != snapshot.Metadata.Name);

    /// <summary>A VM task in flight: the provider refuses other mutations of the VM until it ends (vSphere's "another task is in progress").</summary>
    private static string? VmBusy(VirtualMachine vm) =>
        vm.Status?.LastTaskRef is { Length: > 0 } task ? $"waiting for task {task} of VirtualMachine {vm.Metadata.Name} to finish"
        : vm.Status?.ReconfigureTaskRef is { Length: > 0 } reconfigure ? $"waiting for task {reconfigure} of VirtualMachine {vm.Metadata.Name} to finish"
        : null;

    /// <summary>Records a terminal failure: phase Failed, Ready/Creating False with <paramref name="reason"/>, an event; not retried until the spec changes.</summary>
    private ReconcileResult Fail(ObjectKey key, Draft draft, string reason, string message)
    {
        _taskFailures.TryRemove(key, out _);
        _failures.TryRemove(key, out _);
        var first = draft.Snapshot.Status?.Phase != SnapshotPhase.Failed || draft.Snapshot.Status?.Message != message;
        draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, reason, message);
        draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.False, reason, message);
        draft.Status = draft.Status with { Phase = SnapshotPhase.Failed, Message = message, TaskRef = null };
        if (first)
        {
            VMSnapshotLog.Failed(_logger, key.ToString(), message);
            _events.Event(draft.Snapshot, EventTypes.Warning, VMSnapshotConventions.EventFailed, message);
        }

        return ReconcileResult.Done;
    }

    /// <summary>A provider error on any step: the conditions say which, and the key comes back with growing back-off.</summary>
    private ReconcileResult ProviderFailed(ObjectKey key, Draft draft, RpcException e)
    {
        VMSnapshotLog.ProviderFailed(_logger, key.ToString(), draft.ProviderName, draft.Operation, e.StatusCode.ToString(), e.Status.Detail);
        _metrics.RecordError("provider-" + draft.Operation.ToLowerInvariant());
        var attempt = _failures.AddOrUpdate(key, 1, (_, n) => n + 1);
        var delay = _options.Backoff(attempt);
        var message = $"provider {draft.ProviderName}: {draft.Operation} failed: {e.Status.Detail} ({e.StatusCode}); retrying in {delay}";
        draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonProviderError, message);
        draft.Status = draft.Status with { Message = message, Phase = draft.Status.Phase ?? SnapshotPhase.Pending };
        _events.Event(draft.Snapshot, EventTypes.Warning, VMSnapshotConventions.ReasonProviderError, message);
        return ReconcileResult.After(delay);
    }

    private async Task<VMSnapshot> SetFinalizerAsync(VMSnapshot snapshot, bool add, CancellationToken cancellationToken)
    {
        var finalizers = (snapshot.Metadata.Finalizers ?? []).Where(f => f != VMSnapshotConventions.Finalizer).ToList();
        if (add)
        {
            finalizers.Add(VMSnapshotConventions.Finalizer);
        }

        try
        {
            return await _client.VMSnapshots(snapshot.Metadata.Namespace).UpdateAsync(
                snapshot with { Metadata = snapshot.Metadata with { Finalizers = finalizers } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (!add && e.IsNotFound)
        {
            return snapshot;
        }
        catch (KubernetesApiException)
        {
            _metrics.RecordError(add ? "add-finalizer" : "remove-finalizer");
            throw;
        }
    }

    private async Task DeleteSelfAsync(VMSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await _client.VMSnapshots(snapshot.Metadata.Namespace).DeleteAsync(snapshot.Metadata.Name ?? "", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            // Already gone.
        }
    }

    /// <summary>Writes the status when it changed; a conflict (a stale cache) is retried by the queue's back-off.</summary>
    private async Task WriteStatusAsync(Draft draft, CancellationToken cancellationToken)
    {
        var before = JsonSerializer.Serialize(draft.Snapshot.Status ?? new VMSnapshotStatus(), V1Beta1JsonContext.Default.VMSnapshotStatus);
        var after = JsonSerializer.Serialize(draft.Status, V1Beta1JsonContext.Default.VMSnapshotStatus);
        if (before == after)
        {
            return;
        }

        draft.Snapshot = await _client.VMSnapshots(draft.Snapshot.Metadata.Namespace)
            .UpdateStatusAsync(draft.Snapshot with { Status = draft.Status }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The snapshot being reconciled and the status this pass builds (mutable, one per pass).</summary>
    private sealed class Draft(VMSnapshot snapshot, DateTimeOffset now)
    {
        public VMSnapshot Snapshot { get; set; } = snapshot;

        public VMSnapshotStatus Status { get; set; } = snapshot.Status ?? new VMSnapshotStatus();

        public DateTimeOffset Now { get; } = now;

        /// <summary>The provider operation in progress, for error reporting.</summary>
        public string Operation { get; set; } = "Validate";

        /// <summary>The Provider's name, once resolved, for error reporting.</summary>
        public string ProviderName { get; set; } = "";

        /// <summary>Delete the VMSnapshot after the status write (retention).</summary>
        public bool DeleteSelf { get; set; }

        public void Set(string type, ConditionStatus status, string reason, string message) =>
            Status = Status with
            {
                Conditions = Conditions.Set(Status.Conditions, type, status, reason, message, Snapshot.Metadata.Generation, Now),
            };

        public void Remove(string type) => Status = Status with { Conditions = Conditions.Remove(Status.Conditions, type) is { Count: > 0 } left ? left : null };
    }
}
