using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Snapshots;

public sealed partial class VMSnapshotReconciler
{
    /// <summary>
    /// The VM's Provider and its validated connection. Missing or not connected: the conditions say which and
    /// <see cref="SnapshotContext.Waiting"/> is set.
    /// </summary>
    private SnapshotContext Resolve(Draft draft, VirtualMachine vm, bool countFailure = true)
    {
        var ns = string.IsNullOrEmpty(vm.Spec.ProviderRef.Namespace) ? vm.Metadata.Namespace ?? "" : vm.Spec.ProviderRef.Namespace;
        var name = vm.Spec.ProviderRef.Name;
        draft.ProviderName = name;
        var provider = _providers.Get(ns, name);
        string message;
        if (provider is null)
        {
            message = $"Provider {ns}/{name} of VirtualMachine {vm.Metadata.Name} not found";
        }
        else if (_pool.Get(ns, name) is { } connection)
        {
            return new SnapshotContext { Vm = vm, Provider = provider, Connection = connection };
        }
        else
        {
            var runtime = provider.Status?.Runtime;
            message = $"Provider {ns}/{name} is not connected (runtime phase {runtime?.Phase?.ToString() ?? "unknown"}{(string.IsNullOrEmpty(runtime?.Message) ? "" : ": " + runtime.Message)})";
        }

        draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonProviderError, message);
        draft.Status = draft.Status with { Phase = draft.Status.Phase ?? SnapshotPhase.Pending, Message = message };
        var attempt = countFailure ? _failures.AddOrUpdate(ObjectKey.Of(draft.Snapshot), 1, (_, n) => n + 1) : 1;
        return new SnapshotContext { Vm = vm, Waiting = ReconcileResult.After(provider is null ? _options.WaitInterval : _options.Backoff(attempt)) };
    }

    /// <summary>
    /// Why the provider cannot take this snapshot, from the Provider's reported capabilities (or GetCapabilities when
    /// none are reported yet; an error there is a provider error, so the gate never fails open); null when it can.
    /// </summary>
    private async Task<string?> CapabilityRefusalAsync(Draft draft, SnapshotContext context, CancellationToken cancellationToken)
    {
        var provider = context.Provider!;
        var reported = provider.Status?.ReportedCapabilities;
        bool snapshots, memory;
        if (reported?.SupportsSnapshots is { } supportsSnapshots)
        {
            snapshots = supportsSnapshots;
            memory = reported.SupportsMemorySnapshots == true;
        }
        else
        {
            draft.Operation = "GetCapabilities";
            var live = await context.Connection!.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
            snapshots = live.SupportsSnapshots;
            memory = live.SupportsMemorySnapshots;
        }

        var who = $"Provider {provider.Metadata.Namespace}/{provider.Metadata.Name}";
        if (!snapshots)
        {
            return $"{who} does not support snapshots (supportsSnapshots=false)";
        }

        return draft.Snapshot.Spec.SnapshotConfig?.IncludeMemory == true && !memory
            ? $"spec.snapshotConfig.includeMemory: {who} does not support memory snapshots (supportsMemorySnapshots=false); set includeMemory to false"
            : null;
    }

    /// <summary>SnapshotCreate (idempotent by VM and name): records the id, then tracks the task or marks the snapshot Ready.</summary>
    private async Task<ReconcileResult> CreateAsync(ObjectKey key, Draft draft, SnapshotContext context, CancellationToken cancellationToken)
    {
        var snapshot = draft.Snapshot;
        var config = snapshot.Spec.SnapshotConfig;
        var vmId = context.Vm.Status!.Id!;
        var name = ProviderName(snapshot);
        draft.Operation = "SnapshotCreate";
        SnapshotCreateResponse response;
        try
        {
            response = await context.Connection!.SnapshotCreateAsync(new SnapshotCreateRequest
            {
                VmId = vmId,
                NameHint = name,
                IncludeMemory = config?.IncludeMemory == true,
                Description = config?.Description ?? "",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.Unimplemented)
        {
            // Retrying the same request cannot succeed.
            _metrics.RecordError("provider-snapshotcreate");
            var reason = e.StatusCode == StatusCode.Unimplemented ? VMSnapshotConventions.ReasonUnsupportedByProvider : VMSnapshotConventions.ReasonProviderError;
            return Fail(key, draft, reason, $"provider {draft.ProviderName} refused SnapshotCreate: {e.Status.Detail} ({e.StatusCode})");
        }

        _failures.TryRemove(key, out _);
        var task = response.Task?.Id ?? "";
        var first = draft.Snapshot.Status?.Phase != SnapshotPhase.Creating;
        draft.Status = draft.Status with
        {
            SnapshotID = response.SnapshotId,
            CreationTime = draft.Status.CreationTime ?? draft.Now,
            Phase = SnapshotPhase.Creating,
            Message = null,
            TaskRef = task.Length > 0 ? task : null,
            ProviderStatus = WithProviderStatus(draft.Status.ProviderStatus, draft.ProviderName, new ProviderSnapshotStatus
            {
                Available = false,
                Id = response.SnapshotId,
                State = "creating",
                LastUpdated = draft.Now,
            }),
        };
        var issued = $"SnapshotCreate issued for VirtualMachine {context.Vm.Metadata.Name} as \"{response.SnapshotId}\"";
        draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.True, VMSnapshotConventions.ReasonCreating, issued);
        VMSnapshotLog.Creating(_logger, key.ToString(), vmId, response.SnapshotId, task);
        if (first)
        {
            _events.Event(snapshot, EventTypes.Normal, VMSnapshotConventions.EventCreating, issued);
        }

        if (task.Length > 0)
        {
            draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonCreating, $"waiting for provider task {task}");
            return ReconcileResult.After(_options.TaskPollInterval);
        }

        return MarkReady(key, draft, context);
    }

    /// <summary>
    /// Polls the SnapshotCreate task: running ⇒ poll again; done ⇒ Ready; failed ⇒ retried (bounded) or Failed. Null
    /// when the provider no longer knows the task: the caller issues SnapshotCreate again (idempotent).
    /// </summary>
    private async Task<ReconcileResult?> PollCreateAsync(ObjectKey key, Draft draft, SnapshotContext context, CancellationToken cancellationToken)
    {
        var task = draft.Status.TaskRef!;
        draft.Operation = "TaskStatus";
        try
        {
            if (!await context.Connection!.IsTaskCompleteAsync(new TaskRef { Id = task }, cancellationToken).ConfigureAwait(false))
            {
                draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.True, VMSnapshotConventions.ReasonCreating, $"waiting for provider task {task}");
                return ReconcileResult.After(_options.TaskPollInterval);
            }
        }
        catch (ProviderTaskFailedException e)
        {
            return CreateTaskFailed(key, draft, task, e.TaskError);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            draft.Status = draft.Status with { TaskRef = null };
            return null;
        }

        _failures.TryRemove(key, out _);
        return MarkReady(key, draft, context);
    }

    /// <summary>A failed SnapshotCreate task: retried with back-off up to <see cref="VMSnapshotReconcilerOptions.MaxTaskFailures"/> times, then Failed.</summary>
    private ReconcileResult CreateTaskFailed(ObjectKey key, Draft draft, string task, string error)
    {
        VMSnapshotLog.TaskFailed(_logger, key.ToString(), task, error);
        _metrics.RecordError("provider-task-status");
        var attempt = _taskFailures.AddOrUpdate(key, 1, (_, n) => n + 1);
        var message = $"SnapshotCreate task {task} failed: {error}";
        draft.Status = draft.Status with
        {
            SnapshotID = null,
            TaskRef = null,
            CreationTime = null,
            ProviderStatus = WithProviderStatus(draft.Status.ProviderStatus, draft.ProviderName, null),
        };
        if (attempt >= _options.MaxTaskFailures)
        {
            return Fail(key, draft, VMSnapshotConventions.ReasonTaskFailed, $"{message} (attempt {attempt} of {_options.MaxTaskFailures}; not retried)");
        }

        var delay = _options.Backoff(attempt);
        var retrying = $"{message} (attempt {attempt} of {_options.MaxTaskFailures}); retrying in {delay}";
        draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.False, VMSnapshotConventions.ReasonTaskFailed, retrying);
        draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.False, VMSnapshotConventions.ReasonTaskFailed, retrying);
        draft.Status = draft.Status with { Phase = SnapshotPhase.Pending, Message = retrying };
        _events.Event(draft.Snapshot, EventTypes.Warning, VMSnapshotConventions.EventFailed, retrying);
        return ReconcileResult.After(delay);
    }

    /// <summary>The provider snapshot exists: phase Ready, conditions, event, then the retention policy.</summary>
    private ReconcileResult MarkReady(ObjectKey key, Draft draft, SnapshotContext context)
    {
        _taskFailures.TryRemove(key, out _);
        var id = draft.Status.SnapshotID ?? "";
        var first = draft.Snapshot.Status?.Phase != SnapshotPhase.Ready;
        draft.Status = draft.Status with
        {
            Phase = SnapshotPhase.Ready,
            TaskRef = null,
            Message = null,
            CompletionTime = draft.Status.CompletionTime ?? draft.Now,
            ProviderStatus = WithProviderStatus(draft.Status.ProviderStatus, draft.ProviderName, new ProviderSnapshotStatus
            {
                Available = true,
                Id = id,
                State = "ready",
                LastUpdated = draft.Now,
            }),
        };
        draft.Set(VMSnapshotConventions.ConditionCreating, ConditionStatus.False, VMSnapshotConventions.ReasonCreated, "snapshot created");
        SetReady(draft);
        if (first)
        {
            VMSnapshotLog.Ready(_logger, key.ToString(), id);
            _events.Event(draft.Snapshot, EventTypes.Normal, VMSnapshotConventions.EventReady, ReadyMessage(draft));
        }

        return Retain(key, draft, vmGone: context.Vm.Metadata.DeletionTimestamp is not null);
    }

    private static void SetReady(Draft draft) =>
        draft.Set(VMSnapshotConventions.ConditionReady, ConditionStatus.True,
            draft.Snapshot.Spec.SnapshotConfig?.IncludeMemory == true ? VMSnapshotConventions.ReasonMemoryIncluded : VMSnapshotConventions.ReasonCreated,
            ReadyMessage(draft));

    private static string ReadyMessage(Draft draft) =>
        $"snapshot \"{draft.Status.SnapshotID}\" of VirtualMachine {draft.Snapshot.Spec.VMRef.Name} is ready"
        + (draft.Snapshot.Spec.SnapshotConfig?.IncludeMemory == true ? " (memory included when the VM was running)" : "");

    /// <summary>A copy of <paramref name="current"/> with <paramref name="provider"/>'s entry replaced (null: removed); null when empty.</summary>
    private static Dictionary<string, ProviderSnapshotStatus>? WithProviderStatus(IReadOnlyDictionary<string, ProviderSnapshotStatus>? current, string provider, ProviderSnapshotStatus? entry)
    {
        var map = current is null ? new Dictionary<string, ProviderSnapshotStatus>(StringComparer.Ordinal) : new Dictionary<string, ProviderSnapshotStatus>(current, StringComparer.Ordinal);
        if (entry is null)
        {
            map.Remove(provider);
        }
        else if (map.TryGetValue(provider, out var existing) && existing with { LastUpdated = entry.LastUpdated } == entry)
        {
            // Unchanged but for the time: keep the old entry so the status does not change.
        }
        else
        {
            map[provider] = entry;
        }

        return map.Count == 0 ? null : map;
    }

    /// <summary>What a pass works with once the VM's provider is resolved.</summary>
    private sealed record SnapshotContext
    {
        public required VirtualMachine Vm { get; init; }

        public Api.V1Beta1.Provider? Provider { get; init; }

        public ProviderConnection? Connection { get; init; }

        /// <summary>Set when the provider is missing or not connected: return it.</summary>
        public ReconcileResult? Waiting { get; init; }
    }
}
