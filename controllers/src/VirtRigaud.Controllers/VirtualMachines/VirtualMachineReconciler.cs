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

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// The VirtualMachine reconciler (API-REFERENCE §3.2 with its ⚠ fixed). One pass, level-based, each step returning
/// early while it waits:
/// <code>
/// 1 deletion            provider Delete awaited, then the finalizer goes (never silently: see Delete)
/// 2 finalizer           added first
/// 3 dependencies        Provider, VMClass, VMImage, VMNetworkAttachments (each missing one named); Provider connected
/// 4 tasks               status.lastTaskRef / reconfigureTaskRef polled (WatchTask wakes the VM when one ends);
///                       a failed task is recorded, cleared and retried with back-off MaxOperationAttempts times
/// 5 create              (no status.id) spec checks, image prepare on first use, cloud-init, Create (idempotent by name)
/// 6 describe            power state, IPs, console URL, provider details into status; a vanished VM is re-created
///                       (adopted ones are not)
/// 7 snapshot revert     spec.snapshot.revertToRef, once per new ref
/// 8 reboot              annotation virtrigaud.io/reboot-requested-at, once per new value
/// 9 resources           CPU/memory/disks: online when the provider can, else a power-cycle (RestartRequired)
/// 10 power              On / Off / OffGraceful (hard off after lifecycle.gracefulShutdownTimeout)
/// 11 converged          Ready, phase Running/Stopped; no requeue unless IPs are still missing
/// </code>
/// Reads come from informer listers; writes go through the typed client, status through the status subresource, and
/// only when it changed. Thread-safe: the controller never reconciles one key on two workers; shared state is in
/// concurrent maps.
/// </summary>
public sealed partial class VirtualMachineReconciler : IReconciler
{
    /// <summary>How soon to look again when the informer cache still shows a version this controller has replaced.</summary>
    private static readonly TimeSpan StaleCacheRetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly VirtRigaudClient _client;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly Lister<VMClass> _classes;
    private readonly Lister<VMImage> _images;
    private readonly Lister<VMNetworkAttachment> _attachments;
    private readonly Lister<VMSnapshot> _snapshots;
    private readonly ProviderConnectionPool _pool;
    private readonly EventRecorder _events;
    private readonly ManagerMetrics _metrics;
    private readonly VirtualMachineMetrics _vmMetrics;
    private readonly VirtualMachineRequeuePolicy _requeue;
    private readonly RetryBudget _budget;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ObjectKey, int> _failures = new();
    private readonly ConcurrentDictionary<ObjectKey, int> _ipLooks = new();
    private readonly ConcurrentDictionary<string, DiskMemory> _disks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _appliedPrimary = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ObjectKey, HashSet<string>> _superseded = new();

    /// <summary>Creates the reconciler over the manager's informers, client, events and metrics. Does no work.</summary>
    public VirtualMachineReconciler(ControllerManager manager, ProviderConnectionPool pool, VirtualMachineReconcilerOptions? options = null)
    {
        _client = manager.Client;
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _classes = manager.Informers.ListerFor(ResourceDefinitions.VMClasses);
        _images = manager.Informers.ListerFor(ResourceDefinitions.VMImages);
        _attachments = manager.Informers.ListerFor(ResourceDefinitions.VMNetworkAttachments);
        _snapshots = manager.Informers.ListerFor(ResourceDefinitions.VMSnapshots);
        _pool = pool;
        _events = manager.Events;
        _metrics = manager.Metrics;
        _vmMetrics = new VirtualMachineMetrics(manager.Metrics);
        _requeue = new VirtualMachineRequeuePolicy((options ?? new VirtualMachineReconcilerOptions()).Validate());
        _budget = new RetryBudget(_requeue.Options.MaxOperationAttempts);
        _time = manager.TimeProvider;
        _logger = manager.LoggerFactory.CreateLogger<VirtualMachineReconciler>();
        Watcher = new TaskWatcher(_requeue.Options.MaxTaskWatchesPerProvider, _logger);
    }

    /// <summary>Follows running tasks with WatchTask; <see cref="VirtualMachineControllerSetup"/> attaches and runs it.</summary>
    internal TaskWatcher Watcher { get; }

    private VirtualMachineReconcilerOptions Options => _requeue.Options;

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var vm = _vms.Get(key.Namespace, key.Name);
        if (vm is null)
        {
            Forget(key, null);
            return ReconcileResult.Done;
        }

        if (IsStale(key, vm))
        {
            // The cache has not caught up with this controller's own last write: acting on it would repeat provider
            // operations and lose status (our status-only writes do not enqueue the VM, so look again shortly).
            return ReconcileResult.After(StaleCacheRetryInterval);
        }

        if (vm.Metadata.DeletionTimestamp is not null)
        {
            return await ReconcileDeleteAsync(key, vm, cancellationToken).ConfigureAwait(false);
        }

        if (!vm.Metadata.HasFinalizer(VirtualMachineConventions.Finalizer))
        {
            vm = await AddFinalizerAsync(vm, cancellationToken).ConfigureAwait(false);
        }

        var draft = new Draft(vm, _time.GetUtcNow());
        try
        {
            var result = await ReconcileLiveAsync(key, draft, cancellationToken).ConfigureAwait(false);
            await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var result = await ProviderFailedAsync(key, draft, e, cancellationToken).ConfigureAwait(false);
            await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    private async Task<ReconcileResult> ReconcileLiveAsync(ObjectKey key, Draft draft, CancellationToken cancellationToken)
    {
        var vm = draft.Vm;
        draft.Status = draft.Status with { ObservedGeneration = vm.Metadata.Generation };
        ReportUnsupportedFields(draft);

        var dependencies = Resolve(vm);
        if (dependencies.Missing is { } missing)
        {
            VirtualMachineLog.WaitingForDependencies(_logger, key.ToString(), missing);
            _metrics.RecordError("deps-not-found");
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonWaitingForDependencies, missing);
            draft.Status = draft.Status with { Phase = string.IsNullOrEmpty(draft.Status.Id) ? VirtualMachinePhase.Pending : draft.Status.Phase ?? VirtualMachinePhase.Pending, Message = missing };

            // The Provider, VMClass, VMImage and VMNetworkAttachment watches wake the VM when one appears; this is a backstop.
            return ReconcileResult.After(Options.DependencyRetryInterval);
        }

        if (dependencies.Unavailable is { } unavailable)
        {
            _metrics.RecordError("provider-resolve");
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonProviderError, unavailable);
            draft.Status = draft.Status with { Phase = draft.Status.Phase ?? VirtualMachinePhase.Pending, Message = unavailable };
            return ReconcileResult.After(Options.DependencyRetryInterval);
        }

        var connection = dependencies.Connection!;

        // A finished (or failed) task is settled first: everything below starts from a provider VM at rest.
        if (await TrackTasksAsync(key, draft, connection, dependencies, cancellationToken).ConfigureAwait(false) is { } tracking)
        {
            return tracking;
        }

        if (string.IsNullOrEmpty(draft.Status.Id))
        {
            if (vm.Metadata.Label(VirtualMachineConventions.AdoptedLabel) == "true")
            {
                // The adoption (or clone) controller seeds status.id; that status change wakes the VM (see the update filter).
                const string Message = "adopted VM: waiting for the adoption or clone controller to record its provider id (adopted VMs are never created)";
                draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.True, VirtualMachineConventions.ReasonWaitingForDependencies, Message);
                draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonWaitingForDependencies, Message);
                draft.Status = draft.Status with { Phase = VirtualMachinePhase.Pending, Message = Message };
                return ReconcileResult.Done;
            }

            if (await EnsureCreatedAsync(key, draft, connection, dependencies, cancellationToken).ConfigureAwait(false) is { } creating)
            {
                return creating;
            }
        }

        draft.Operation = VmOperation.Describe;
        var described = await connection.DescribeAsync(new Provider.V1.DescribeRequest { Id = draft.Status.Id }, cancellationToken).ConfigureAwait(false);
        if (!described.Exists)
        {
            return VmVanished(key, draft);
        }

        var observed = ApplyDescribe(draft, dependencies, described);

        if (await ReconcileRevertAsync(key, draft, connection, dependencies, cancellationToken).ConfigureAwait(false) is { } reverting)
        {
            return reverting;
        }

        if (await ReconcileRebootAsync(key, draft, connection, observed, cancellationToken).ConfigureAwait(false) is { } rebooting)
        {
            return rebooting;
        }

        if (await ReconcileResourcesAsync(key, draft, connection, dependencies, observed, cancellationToken).ConfigureAwait(false) is { } resizing)
        {
            return resizing;
        }

        if (await ReconcilePowerAsync(key, draft, connection, observed, cancellationToken).ConfigureAwait(false) is { } powering)
        {
            return powering;
        }

        return Converged(key, draft, observed);
    }

    /// <summary>The VM is where its spec wants it (or as close as refusals and given-up operations allow).</summary>
    private ReconcileResult Converged(ObjectKey key, Draft draft, PowerState? observed)
    {
        _failures.TryRemove(key, out _);
        if (draft.Blockers.Count > 0)
        {
            var first = draft.Blockers[0];
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, first.Reason, string.Join("; ", draft.Blockers.Select(b => b.Message)));
        }
        else
        {
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.True, VirtualMachineConventions.ReasonReconcileSuccess, "VM is ready");
        }

        draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.False, VirtualMachineConventions.ReasonReconcileSuccess, "VM is provisioned");
        if (Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReconfiguring) is not null
            && !draft.Blockers.Any(b => b.ConditionType == VirtualMachineConventions.ConditionReconfiguring))
        {
            draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.False, VirtualMachineConventions.ReasonReconcileSuccess, "no change in progress");
        }

        var gaveUp = draft.Blockers.Any(b => b.Reason == VirtualMachineConventions.ReasonBackoffLimitExceeded);
        draft.Status = draft.Status with
        {
            Conditions = Conditions.Remove(draft.Status.Conditions, VirtualMachineConventions.ConditionRestartRequired),
            Phase = gaveUp ? VirtualMachinePhase.Failed : VirtualMachinePhases.AtRest(observed),
            Message = draft.Blockers.Count > 0 ? string.Join("; ", draft.Blockers.Select(b => b.Message)) : null,
        };
        var hasIps = draft.Status.Ips is { Count: > 0 };
        var looks = hasIps ? 0 : _ipLooks.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (hasIps)
        {
            _ipLooks.TryRemove(key, out _);
        }

        return _requeue.WhenReady(observed, hasIps, looks) is { } after ? ReconcileResult.After(after) : ReconcileResult.Done;
    }

    /// <summary>
    /// Describe says the VM is gone. Upstream re-creates it at once (§3.2 step 8); so do we, but not for adopted VMs
    /// (they were never ours to create: a condition says so), and not endlessly (the re-creations count against the
    /// retry budget of the generation).
    /// </summary>
    private ReconcileResult VmVanished(ObjectKey key, Draft draft)
    {
        var id = draft.Status.Id ?? "";
        ForgetHardware(draft.Vm);
        if (draft.Vm.Metadata.Label(VirtualMachineConventions.AdoptedLabel) == "true")
        {
            var message = $"adopted VM {id} no longer exists on provider {draft.Vm.Spec.ProviderRef.Name}; adopted VMs are never re-created (delete the VirtualMachine, or re-adopt)";
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonProviderError, message);
            draft.Status = draft.Status with { Phase = VirtualMachinePhase.Failed, Message = message, PowerState = null, Ips = null, ConsoleURL = null };
            _events.Event(draft.Vm, EventTypes.Warning, "VMMissing", message);

            // Nothing to poll: a resync or a change looks again.
            return ReconcileResult.Done;
        }

        var subject = key.ToString();
        var scope = Scope(draft.Vm);
        var vanished = _budget.Fail(subject, "Vanished", scope);
        if (vanished > Options.MaxOperationAttempts)
        {
            var message = $"provider VM {id} vanished {vanished - 1} times after being created; not re-created again until the spec changes";
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonBackoffLimitExceeded, message);
            draft.Status = draft.Status with { Id = null, LastTaskRef = null, CurrentResources = null, PowerState = null, Ips = null, ConsoleURL = null, Phase = VirtualMachinePhase.Failed, Message = message };
            VirtualMachineLog.GaveUp(_logger, subject, "re-create", vanished - 1, message);
            return ReconcileResult.Done;
        }

        VirtualMachineLog.VmVanished(_logger, subject, id);
        var text = $"provider VM {id} no longer exists; creating it again";
        _events.Event(draft.Vm, EventTypes.Warning, "VMMissing", text);
        draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonProviderError, text);
        draft.Status = draft.Status with
        {
            Id = null,
            LastTaskRef = null,
            CurrentResources = null,
            PowerState = null,
            Ips = null,
            ConsoleURL = null,
            Phase = VirtualMachinePhase.Provisioning,
            Message = text,
        };
        return ReconcileResult.After(vanished <= 1 ? TimeSpan.Zero : _requeue.AfterFailure(vanished - 1));
    }

    /// <summary>
    /// A provider RPC failed. Outages (UNAVAILABLE — also an open circuit —, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED,
    /// ABORTED) are retried with back-off until the provider answers; they are not the operation's fault. Any other
    /// answer of a mutating operation counts against its retry budget (<see cref="OperationFailedAsync"/>).
    /// </summary>
    private async Task<ReconcileResult> ProviderFailedAsync(ObjectKey key, Draft draft, RpcException e, CancellationToken cancellationToken)
    {
        var vm = draft.Vm;
        var provider = ProviderKey(vm);
        var operation = draft.Operation;
        VirtualMachineLog.ProviderFailed(_logger, key.ToString(), provider, operation.ToString(), e.StatusCode.ToString(), e.Status.Detail);
        _metrics.RecordError(ErrorReason(operation));
        var message = $"provider {provider}: {operation} failed: {e.Status.Detail} ({ProviderRpcMetrics.CodeName(e.StatusCode)})";
        if (IsOutage(e.StatusCode) || !IsMutating(operation))
        {
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonProviderError, message);
            if (operation == VmOperation.Create)
            {
                draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.False, VirtualMachineConventions.ReasonProviderError, message);
            }

            draft.Status = draft.Status with { Message = message, Phase = draft.Status.Phase ?? VirtualMachinePhase.Pending };
            _events.Event(vm, EventTypes.Warning, VirtualMachineConventions.ReasonProviderError, message);
            return ReconcileResult.After(_requeue.AfterFailure(_failures.AddOrUpdate(key, 1, (_, n) => n + 1)));
        }

        return await OperationFailedAsync(key, draft, operation, VirtualMachineConventions.ReasonProviderError, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a failed operation (a refused RPC or a failed task): the operation's condition and Ready say why, an
    /// event, phase Failed; retried with back-off until it failed <see cref="VirtualMachineReconcilerOptions.MaxOperationAttempts"/>
    /// times in this generation (this reboot request), then given up (<c>BackoffLimitExceeded</c>, no requeue; a reboot
    /// or revert request is then marked handled).
    /// </summary>
    private async Task<ReconcileResult> OperationFailedAsync(ObjectKey key, Draft draft, VmOperation operation, string reason, string message, CancellationToken cancellationToken)
    {
        var subject = key.ToString();
        var attempts = _budget.Fail(subject, operation.ToString(), OperationScope(operation, draft.Vm));
        var conditionType = ConditionOf(operation);
        draft.Set(conditionType, ConditionStatus.False, reason, message);
        draft.Status = draft.Status with { Phase = VirtualMachinePhase.Failed, Message = message };
        if (attempts < Options.MaxOperationAttempts)
        {
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, reason, message);
            _events.Event(draft.Vm, EventTypes.Warning, reason, message);
            return ReconcileResult.After(_requeue.AfterFailure(attempts));
        }

        var gaveUp = $"{OperationText(operation)} failed {attempts} times, not retried until the spec changes: {message}";
        draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonBackoffLimitExceeded, gaveUp);
        draft.Status = draft.Status with { Message = gaveUp };
        _events.Event(draft.Vm, EventTypes.Warning, VirtualMachineConventions.ReasonBackoffLimitExceeded, gaveUp);
        VirtualMachineLog.GaveUp(_logger, subject, operation.ToString(), attempts, message);
        switch (operation)
        {
            case VmOperation.Reboot when draft.Vm.Metadata.Annotation(VirtualMachineConventions.RebootRequestedAtAnnotation) is { Length: > 0 } requested:
                await MarkHandledAsync(draft, VirtualMachineConventions.RebootHandledAtAnnotation, requested, cancellationToken).ConfigureAwait(false);
                break;
            case VmOperation.Revert when draft.Vm.Spec.Snapshot?.RevertToRef?.Name is { Length: > 0 } snapshot:
                await MarkHandledAsync(draft, VirtualMachineConventions.RevertedToSnapshotAnnotation, snapshot, cancellationToken).ConfigureAwait(false);
                break;
        }

        return ReconcileResult.Done;
    }

    /// <summary>Whether a previous failure made the operation give up in this scope; if so, the VM says so (a blocker of Ready).</summary>
    private bool GivenUp(ObjectKey key, Draft draft, VmOperation operation)
    {
        var attempts = _budget.Failures(key.ToString(), operation.ToString(), OperationScope(operation, draft.Vm));
        if (attempts < Options.MaxOperationAttempts)
        {
            return false;
        }

        var last = Conditions.Find(draft.Status.Conditions, ConditionOf(operation))?.Message;
        draft.Block(VirtualMachineConventions.ReasonBackoffLimitExceeded, $"{OperationText(operation)} failed {attempts} times, not retried until the spec changes{(string.IsNullOrEmpty(last) ? "" : ": " + last)}", ConditionOf(operation));
        return true;
    }

    private async Task<VirtualMachine> AddFinalizerAsync(VirtualMachine vm, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await _client.VirtualMachines(vm.Metadata.Namespace).UpdateAsync(
                vm with { Metadata = vm.Metadata with { Finalizers = [.. vm.Metadata.Finalizers ?? [], VirtualMachineConventions.Finalizer] } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            Superseded(ObjectKey.Of(vm), vm.Metadata.ResourceVersion);
            return updated;
        }
        catch (KubernetesApiException)
        {
            _metrics.RecordError("add-finalizer");
            throw;
        }
    }

    /// <summary>
    /// Sets (or, with a null value, removes) one of the controller's bookkeeping annotations with a merge patch (no
    /// resourceVersion: it cannot conflict with a user's concurrent edit of other fields). The draft then carries the
    /// patched object, so the status write that follows is not a stale update.
    /// </summary>
    private async Task MarkHandledAsync(Draft draft, string annotation, string? value, CancellationToken cancellationToken)
    {
        var patch = new System.Text.Json.Nodes.JsonObject
        {
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["annotations"] = new System.Text.Json.Nodes.JsonObject { [annotation] = value },
            },
        };
        var patched = await _client.VirtualMachines(draft.Vm.Metadata.Namespace).PatchAsync(draft.Vm.Metadata.Name ?? "", KubernetesPatch.Merge(patch), cancellationToken: cancellationToken).ConfigureAwait(false);
        Superseded(ObjectKey.Of(draft.Vm), draft.Vm.Metadata.ResourceVersion);
        draft.Vm = patched;
    }

    /// <summary>Writes the status when it changed; a conflict (a stale cache) is retried by the queue's back-off.</summary>
    private async Task WriteStatusAsync(Draft draft, CancellationToken cancellationToken)
    {
        var before = JsonSerializer.Serialize(draft.Vm.Status ?? new VirtualMachineStatus(), V1Beta1JsonContext.Default.VirtualMachineStatus);
        var after = JsonSerializer.Serialize(draft.Status, V1Beta1JsonContext.Default.VirtualMachineStatus);
        if (before == after)
        {
            return;
        }

        var written = await _client.VirtualMachines(draft.Vm.Metadata.Namespace).UpdateStatusAsync(draft.Vm with { Status = draft.Status }, cancellationToken: cancellationToken).ConfigureAwait(false);
        Superseded(ObjectKey.Of(draft.Vm), draft.Vm.Metadata.ResourceVersion);
        draft.Vm = written;
    }

    /// <summary>Remembers that <paramref name="resourceVersion"/> of the VM is older than what this controller wrote.</summary>
    private void Superseded(ObjectKey key, string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion))
        {
            return;
        }

        var versions = _superseded.GetOrAdd(key, _ => []);
        lock (versions)
        {
            versions.Add(resourceVersion);
        }
    }

    /// <summary>
    /// Whether the cached VM is a version this controller has already replaced (resourceVersions are opaque, so
    /// "older" means "one we wrote over"). Once the cache shows anything else, the memory of the key is dropped.
    /// </summary>
    private bool IsStale(ObjectKey key, VirtualMachine vm)
    {
        if (!_superseded.TryGetValue(key, out var versions))
        {
            return false;
        }

        lock (versions)
        {
            if (vm.Metadata.ResourceVersion is { } version && versions.Contains(version))
            {
                return true;
            }
        }

        _superseded.TryRemove(key, out _);
        return false;
    }

    private void Forget(ObjectKey key, VirtualMachine? vm)
    {
        _failures.TryRemove(key, out _);
        _ipLooks.TryRemove(key, out _);
        _superseded.TryRemove(key, out _);
        _budget.Forget(key.ToString());
        if (vm?.Metadata.Uid is { } uid)
        {
            _disks.TryRemove(uid, out _);
            _appliedPrimary.TryRemove(uid, out _);
            _vmMetrics.Forget(uid);
        }
    }

    private static bool IsOutage(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Cancelled;

    private static bool IsMutating(VmOperation operation) =>
        operation is VmOperation.Create or VmOperation.ImagePrepare or VmOperation.Power or VmOperation.Shutdown or VmOperation.Reboot or VmOperation.Reconfigure or VmOperation.Revert;

    /// <summary>The retry scope of an operation: the spec generation, or for a reboot the request's value (annotations do not bump the generation).</summary>
    private static string OperationScope(VmOperation operation, VirtualMachine vm) =>
        operation == VmOperation.Reboot ? "reboot:" + vm.Metadata.Annotation(VirtualMachineConventions.RebootRequestedAtAnnotation) : Scope(vm);

    private static string Scope(VirtualMachine vm) => "generation:" + (vm.Metadata.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0");

    /// <summary>The condition that reports an operation.</summary>
    private static string ConditionOf(VmOperation operation) => operation switch
    {
        VmOperation.Create => VirtualMachineConventions.ConditionProvisioning,

        // Not Provisioning: its failure reasons mark "a Create may have reached the provider" for deletion.
        VmOperation.ImagePrepare => VirtualMachineConventions.ConditionReady,
        VmOperation.Reboot => VirtualMachineConventions.ConditionRebooted,
        VmOperation.Revert => VirtualMachineConventions.ConditionSnapshotReverted,
        VmOperation.Delete => VirtualMachineConventions.ConditionDeleting,
        _ => VirtualMachineConventions.ConditionReconfiguring,
    };

    private static string OperationText(VmOperation operation) => operation switch
    {
        VmOperation.Create => "create",
        VmOperation.ImagePrepare => "image prepare",
        VmOperation.Power => "power change",
        VmOperation.Shutdown => "graceful shutdown",
        VmOperation.Reboot => "reboot",
        VmOperation.Reconfigure => "reconfigure",
        VmOperation.Revert => "snapshot revert",
        _ => operation.ToString(),
    };

    /// <summary>upstream's <c>virtrigaud_errors_total{reason}</c> values.</summary>
    private static string ErrorReason(VmOperation operation) => operation switch
    {
        VmOperation.Describe => "provider-describe",
        VmOperation.TaskStatus => "provider-task-status",
        VmOperation.ImagePrepare => "image-prepare",
        VmOperation.Delete => "provider-delete",
        VmOperation.None => "provider-resolve",
        _ => "provider-" + operation.ToString().ToLowerInvariant(),
    };

    private static string ProviderKey(VirtualMachine vm) =>
        (string.IsNullOrEmpty(vm.Spec.ProviderRef.Namespace) ? vm.Metadata.Namespace : vm.Spec.ProviderRef.Namespace) + "/" + vm.Spec.ProviderRef.Name;

    /// <summary>The disk sizes read from the provider, and the desired disks (<see cref="DesiredHardware.DiskSignature"/>) they were read for.</summary>
    private sealed record DiskMemory(string Signature, ObservedHardware Disks);

    /// <summary>The VM being reconciled and the status this pass is building (mutable, one per pass).</summary>
    private sealed class Draft(VirtualMachine vm, DateTimeOffset now)
    {
        public VirtualMachine Vm { get; set; } = vm;

        public VirtualMachineStatus Status { get; set; } = vm.Status ?? new VirtualMachineStatus();

        public DateTimeOffset Now { get; } = now;

        /// <summary>The provider operation in progress, for error reporting.</summary>
        public VmOperation Operation { get; set; }

        /// <summary>What keeps the VM from Ready although nothing is in flight: refused fields, given-up operations.</summary>
        public List<(string Reason, string Message, string? ConditionType)> Blockers { get; } = [];

        /// <summary>Set when a revert finished in this pass: CPU/memory are re-read from the provider's details.</summary>
        public bool HardwareChanged { get; set; }

        public void Block(string reason, string message, string? conditionType = null) => Blockers.Add((reason, message, conditionType));

        public void Set(string type, ConditionStatus status, string reason, string message) =>
            Status = Status with
            {
                Conditions = Conditions.Set(Status.Conditions, type, status, reason, message, Vm.Metadata.Generation, Now),
            };
    }
}
