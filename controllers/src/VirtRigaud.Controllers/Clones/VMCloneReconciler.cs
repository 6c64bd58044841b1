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
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Clones;

/// <summary>
/// The VMClone reconciler (API-REFERENCE §3.4, finished): a clone of a VirtualMachine on its own Provider, full or
/// linked (capability-gated), with the customization passed through <c>customize_json</c> (Secrets resolved), the
/// target VirtualMachine created and bound (status.id seeded, so the VM controller never creates it),
/// <c>options.powerOn</c>, <c>options.timeout</c> and <c>options.retryPolicy</c> honoured, progress from the task.
/// </summary>
/// <remarks>
/// <para>Phases: <c>Pending → Cloning → Powering-On → Ready</c>, or <c>Failed</c>; Ready and Failed are terminal (a
/// Failed clone starts over when its spec changes). A failed attempt (Clone error, failed task) goes back to Pending
/// and is retried after <c>retryDelay × backoffMultiplier^(n−1)</c>, at most <c>maxRetries</c> times.</para>
/// <para>No duplicate clone on restart: Clone is idempotent by target name and the target VM carries the clone's uid
/// (<see cref="VMCloneConventions.CloneUidAnnotation"/>), so a pass that repeats any step finds its own work. A target
/// VM that exists and is not the clone's is never touched (<c>TargetExists</c>).</para>
/// <para>Thread-safety: the controller never reconciles one key on two workers; the counters are concurrent maps.</para>
/// </remarks>
public sealed partial class VMCloneReconciler : IReconciler
{
    /// <summary>The API default of <c>spec.options.timeout</c>.</summary>
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    private readonly VirtRigaudClient _client;
    private readonly Lister<VMClone> _clones;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly Lister<VMClass> _classes;
    private readonly ProviderConnectionPool _pool;
    private readonly EventRecorder _events;
    private readonly ManagerMetrics _metrics;
    private readonly VMCloneReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ObjectKey, int> _connectFailures = new();

    /// <summary>Creates the reconciler over the manager's informers, client, events and metrics. Does no work.</summary>
    public VMCloneReconciler(ControllerManager manager, ProviderConnectionPool pool, VMCloneReconcilerOptions? options = null)
    {
        _client = manager.Client;
        _clones = manager.Informers.ListerFor(ResourceDefinitions.VMClones);
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _classes = manager.Informers.ListerFor(ResourceDefinitions.VMClasses);
        _pool = pool;
        _events = manager.Events;
        _metrics = manager.Metrics;
        _options = (options ?? new VMCloneReconcilerOptions()).Validate();
        _time = manager.TimeProvider;
        _logger = manager.LoggerFactory.CreateLogger<VMCloneReconciler>();
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var clone = _clones.Get(key.Namespace, key.Name);
        if (clone is null)
        {
            _connectFailures.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        if (clone.Metadata.DeletionTimestamp is not null)
        {
            // Deleting a VMClone never deletes its target VM (upstream's contract): only the finalizer goes.
            if (clone.Metadata.HasFinalizer(VMCloneConventions.Finalizer))
            {
                await SetFinalizerAsync(clone, add: false, cancellationToken).ConfigureAwait(false);
            }

            return ReconcileResult.Done;
        }

        if (!clone.Metadata.HasFinalizer(VMCloneConventions.Finalizer))
        {
            clone = await SetFinalizerAsync(clone, add: true, cancellationToken).ConfigureAwait(false);
        }

        var draft = new Draft(clone, _time.GetUtcNow());
        ReconcileResult result;
        try
        {
            result = await ReconcileLiveAsync(key, draft, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            VMCloneLog.ProviderFailed(_logger, key.ToString(), draft.ProviderName, draft.Operation, e.StatusCode.ToString(), e.Status.Detail);
            _metrics.RecordError("provider-" + draft.Operation.ToLowerInvariant());
            var reason = e.StatusCode == StatusCode.ResourceExhausted ? VMCloneConventions.ReasonInsufficientResources : VMCloneConventions.ReasonProviderError;
            result = AttemptFailed(key, draft, reason, $"provider {draft.ProviderName}: {draft.Operation} failed: {e.Status.Detail} ({e.StatusCode})");
        }

        await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<ReconcileResult> ReconcileLiveAsync(ObjectKey key, Draft draft, CancellationToken cancellationToken)
    {
        var clone = draft.Clone;
        var spec = clone.Spec;
        var previousGeneration = draft.Status.ObservedGeneration;
        draft.Status = draft.Status with { ObservedGeneration = clone.Metadata.Generation };
        switch (draft.Status.Phase)
        {
            case ClonePhase.Ready:
                return ReconcileResult.Done;
            case ClonePhase.Failed when previousGeneration == clone.Metadata.Generation:
                return ReconcileResult.Done;
            case ClonePhase.Failed:
                // The spec changed after a failure: start over (Clone is idempotent by target name).
                draft.Status = new VMCloneStatus { ObservedGeneration = clone.Metadata.Generation, Conditions = Conditions.Remove(draft.Status.Conditions, VMCloneConventions.ConditionFailed), Phase = ClonePhase.Pending };
                break;
        }

        if (CloneSpecSupport.Check(spec) is { } refused)
        {
            return Fail(key, draft, refused.Reason, refused.Message);
        }

        if (draft.Status.StartTime is { } started && (spec.Options?.Timeout?.Value ?? DefaultTimeout) is var timeout && draft.Now - started > timeout)
        {
            return Fail(key, draft, VMCloneConventions.ReasonTimedOut,
                $"the clone did not finish within spec.options.timeout {spec.Options?.Timeout?.ToString() ?? "30m"} (phase {draft.Status.Phase}); a provider task still running may yet create VM {spec.Target.Name}");
        }

        if (draft.Status is { Phase: ClonePhase.Pending, RetryCount: { } retries and > 0, LastRetryTime: { } lastRetry }
            && lastRetry + CloneSpecSupport.RetryDelay(spec.Options?.RetryPolicy, retries) is var due && due > draft.Now)
        {
            return ReconcileResult.After(due - draft.Now);
        }

        var source = _vms.Get(clone.Metadata.Namespace, spec.Source.VmRef!.Name);
        if (source is null)
        {
            return Wait(draft, VMCloneConventions.ReasonSourceNotFound, $"source VirtualMachine {clone.Metadata.Namespace}/{spec.Source.VmRef.Name} not found", _options.WaitInterval);
        }

        if (string.IsNullOrEmpty(source.Status?.Id))
        {
            return Wait(draft, VMCloneConventions.ReasonWaitingForDependencies, $"waiting for source VirtualMachine {source.Metadata.Name} to be provisioned", _options.WaitInterval);
        }

        var providerNs = string.IsNullOrEmpty(source.Spec.ProviderRef.Namespace) ? source.Metadata.Namespace ?? "" : source.Spec.ProviderRef.Namespace;
        var providerName = source.Spec.ProviderRef.Name;
        draft.ProviderName = providerName;
        if (spec.Target.ProviderRef is { } wanted && (wanted.Name != providerName || (string.IsNullOrEmpty(wanted.Namespace) ? clone.Metadata.Namespace : wanted.Namespace) != providerNs))
        {
            return Fail(key, draft, VMCloneConventions.ReasonUnsupported,
                $"spec.target.providerRef: a clone stays on the source VM's Provider {providerNs}/{providerName}; cross-provider copies are VMMigrations");
        }

        if (CloneSpecSupport.CheckNetworks(spec.Target.Networks, source.Spec.Networks) is { } networkRefusal)
        {
            return Fail(key, draft, networkRefusal.Reason, networkRefusal.Message);
        }

        var provider = _providers.Get(providerNs, providerName);
        if (provider is null)
        {
            return Wait(draft, VMCloneConventions.ReasonProviderError, $"Provider {providerNs}/{providerName} of the source VM not found", _options.WaitInterval);
        }

        if (_pool.Get(providerNs, providerName) is not { } connection)
        {
            var runtime = provider.Status?.Runtime;
            return Wait(draft, VMCloneConventions.ReasonProviderError,
                $"Provider {providerNs}/{providerName} is not connected (runtime phase {runtime?.Phase?.ToString() ?? "unknown"}{(string.IsNullOrEmpty(runtime?.Message) ? "" : ": " + runtime.Message)})",
                _options.ConnectDelay(_connectFailures.AddOrUpdate(key, 1, (_, n) => n + 1)));
        }

        _connectFailures.TryRemove(key, out _);
        var target = new Target(string.IsNullOrEmpty(spec.Target.Namespace) ? clone.Metadata.Namespace ?? "" : spec.Target.Namespace, spec.Target.Name);
        var existing = _vms.Get(target.Namespace, target.Name);
        if (existing is not null && !IsOurs(existing, clone))
        {
            return Fail(key, draft, VMCloneConventions.ReasonTargetExists,
                $"target VirtualMachine {target.Namespace}/{target.Name} already exists and was not created by this clone");
        }

        var linked = spec.Options?.Type == CloneType.LinkedClone;
        if (linked && await LinkedCloneRefusalAsync(draft, provider, connection, cancellationToken).ConfigureAwait(false) is { } linkedRefusal)
        {
            return Fail(key, draft, VMCloneConventions.ReasonLinkedCloneUnsupported, linkedRefusal);
        }

        if (draft.Status is { Phase: ClonePhase.Cloning, TaskRef: { Length: > 0 } task }
            && await PollAsync(key, draft, connection, task, cancellationToken).ConfigureAwait(false) is { } polled)
        {
            return polled;
        }

        if (string.IsNullOrEmpty(draft.Status.TargetVmId)
            && await IssueCloneAsync(key, draft, source, connection, linked, cancellationToken).ConfigureAwait(false) is { } issued)
        {
            return issued;
        }

        return await BindAsync(key, draft, source, providerNs, target, existing, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsOurs(VirtualMachine vm, VMClone clone) =>
        vm.Metadata.Annotation(VMCloneConventions.CloneUidAnnotation) is { Length: > 0 } uid && uid == clone.Metadata.Uid;

    /// <summary>Why the provider cannot make a linked clone (reported capabilities, else GetCapabilities); null when it can.</summary>
    private async Task<string?> LinkedCloneRefusalAsync(Draft draft, Api.V1Beta1.Provider provider, ProviderConnection connection, CancellationToken cancellationToken)
    {
        var supported = provider.Status?.ReportedCapabilities?.SupportsLinkedClones;
        if (supported is null)
        {
            draft.Operation = "GetCapabilities";
            supported = (await connection.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).SupportsLinkedClones;
        }

        return supported == true
            ? null
            : $"spec.options.type: Provider {provider.Metadata.Namespace}/{provider.Metadata.Name} does not support linked clones (supportsLinkedClones=false); use FullClone";
    }

    /// <summary>Polls the Clone task: running ⇒ progress and poll again; failed ⇒ a failed attempt; unknown ⇒ Clone again; done ⇒ null (bind).</summary>
    private async Task<ReconcileResult?> PollAsync(ObjectKey key, Draft draft, ProviderConnection connection, string task, CancellationToken cancellationToken)
    {
        draft.Operation = "TaskStatus";
        try
        {
            if (!await connection.IsTaskCompleteAsync(new TaskRef { Id = task }, cancellationToken).ConfigureAwait(false))
            {
                if (await ReadProgressAsync(connection, task, cancellationToken).ConfigureAwait(false) is { } percentage)
                {
                    draft.Status = draft.Status with { Progress = (draft.Status.Progress ?? new CloneProgress()) with { OverallPercentage = percentage } };
                }

                draft.Set(VMCloneConventions.ConditionCloning, ConditionStatus.True, VMCloneConventions.ReasonCloning, $"waiting for provider task {task}");
                return ReconcileResult.After(_options.TaskPollInterval);
            }
        }
        catch (ProviderTaskFailedException e)
        {
            VMCloneLog.TaskFailed(_logger, key.ToString(), task, e.TaskError);
            _metrics.RecordError("provider-task-status");
            return AttemptFailed(key, draft, VMCloneConventions.ReasonProviderError, $"Clone task {task} failed: {e.TaskError}");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // The provider forgot the task: Clone again (idempotent by target name) to learn the VM's id.
            draft.Status = draft.Status with { TaskRef = null, TargetVmId = null };
            return null;
        }

        draft.Status = draft.Status with { TaskRef = null, Progress = (draft.Status.Progress ?? new CloneProgress()) with { OverallPercentage = 100 } };
        return null;
    }

    /// <summary>The task's progress from the first WatchTask message (the provider sends the current state at once); best effort.</summary>
    private async Task<int?> ReadProgressAsync(ProviderConnection connection, string task, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ProgressReadTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await foreach (var progress in connection.Client.WatchTaskAsync(new TaskRef { Id = task }, cancellationToken: linked.Token).ConfigureAwait(false))
            {
                return (int)Math.Clamp(progress.Percentage, 0, 100);
            }
        }
        catch (RpcException)
        {
            // Progress is optional: TaskStatus already decided whether the task runs.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out.
        }

        return null;
    }

    /// <summary>
    /// Issues Clone (idempotent by target name) with the target class, placement and resolved customization; records
    /// the target VM id and task. Returns the result to return now, or null to bind at once (synchronous clone).
    /// </summary>
    private async Task<ReconcileResult?> IssueCloneAsync(ObjectKey key, Draft draft, VirtualMachine source, ProviderConnection connection, bool linked, CancellationToken cancellationToken)
    {
        var clone = draft.Clone;
        var spec = clone.Spec;
        var ns = clone.Metadata.Namespace ?? "";
        var classJson = "";
        if (spec.Target.ClassRef is { } classRef)
        {
            if (_classes.Get(ns, classRef.Name) is not { } targetClass)
            {
                return Wait(draft, VMCloneConventions.ReasonWaitingForDependencies, $"VMClass {ns}/{classRef.Name} (spec.target.classRef) not found", _options.WaitInterval);
            }

            classJson = ProviderPayloads.SerializeCloneClass(targetClass.Spec);
        }

        var customizeJson = "";
        if (CloneCustomization.Merge(spec.Customization, spec.Target.Networks) is { } customization)
        {
            var (resolved, missing) = await CloneCustomization.ResolveSecretsAsync(customization, ns, (name, ct) => ReadSecretAsync(ns, name, ct), cancellationToken).ConfigureAwait(false);
            if (missing is not null)
            {
                return Wait(draft, VMCloneConventions.ReasonCustomizationFailed, $"customization: {missing}", _options.WaitInterval);
            }

            customizeJson = ProviderPayloads.SerializeCustomization(resolved!);
        }

        draft.Operation = "Clone";
        CloneResponse response;
        try
        {
            response = await connection.CloneAsync(new CloneRequest
            {
                SourceVmId = source.Status!.Id!,
                TargetName = spec.Target.Name,
                Linked = linked,
                ClassJson = classJson,
                PlacementJson = spec.Target.PlacementRef is { } placement ? ProviderPayloads.SerializeClonePlacement(placement.Name) : "",
                CustomizeJson = customizeJson,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.Unimplemented)
        {
            _metrics.RecordError("provider-clone");
            return Fail(key, draft, e.StatusCode == StatusCode.Unimplemented ? VMCloneConventions.ReasonUnsupported : VMCloneConventions.ReasonProviderError,
                $"provider {draft.ProviderName} refused Clone: {e.Status.Detail} ({e.StatusCode})");
        }

        var task = response.Task?.Id ?? "";
        var first = draft.Clone.Status?.Phase != ClonePhase.Cloning;
        draft.Status = draft.Status with
        {
            TargetVmId = response.TargetVmId,
            TaskRef = task.Length > 0 ? task : null,
            StartTime = draft.Status.StartTime ?? draft.Now,
            ActualCloneType = linked ? CloneType.LinkedClone : CloneType.FullClone,
            Phase = ClonePhase.Cloning,
            Message = null,
            Progress = new CloneProgress { OverallPercentage = task.Length > 0 ? 0 : 100 },
        };
        var message = $"cloning VirtualMachine {source.Metadata.Name} ({source.Status.Id}) to {spec.Target.Name} ({response.TargetVmId}) as a {(linked ? "linked" : "full")} clone";
        draft.Set(VMCloneConventions.ConditionCloning, ConditionStatus.True, VMCloneConventions.ReasonCloning, message);
        draft.Set(VMCloneConventions.ConditionReady, ConditionStatus.False, VMCloneConventions.ReasonCloning, message);
        if (first)
        {
            VMCloneLog.Started(_logger, key.ToString(), source.Status.Id!, response.TargetVmId, task);
            _events.Event(clone, EventTypes.Normal, VMCloneConventions.EventStarted, message);
        }

        return task.Length > 0 ? ReconcileResult.After(_options.TaskPollInterval) : null;
    }

    private async Task<Client.Models.CoreV1.Secret?> ReadSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Core.Secrets(ns).GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Waiting on something outside the clone: Ready=False with the reason; phase unchanged (Pending when new).</summary>
    private static ReconcileResult Wait(Draft draft, string reason, string message, TimeSpan after)
    {
        draft.Set(VMCloneConventions.ConditionReady, ConditionStatus.False, reason, message);
        draft.Status = draft.Status with { Phase = draft.Status.Phase ?? ClonePhase.Pending, Message = message };
        return ReconcileResult.After(after);
    }

    /// <summary>A failed attempt: retried per <c>spec.options.retryPolicy</c>, or Failed when no retries are left.</summary>
    private ReconcileResult AttemptFailed(ObjectKey key, Draft draft, string reason, string message)
    {
        var policy = draft.Clone.Spec.Options?.RetryPolicy;
        var retries = draft.Status.RetryCount ?? 0;
        var max = CloneSpecSupport.MaxRetries(policy);
        if (retries >= max)
        {
            return Fail(key, draft, reason, $"{message} ({(max == 0 ? "retries are off" : $"all {max} retries used")}; spec.options.retryPolicy)");
        }

        var next = retries + 1;
        var delay = CloneSpecSupport.RetryDelay(policy, next);
        var retrying = $"{message}; retry {next} of {max} in {delay}";
        draft.Status = draft.Status with { RetryCount = next, LastRetryTime = draft.Now, Phase = ClonePhase.Pending, TaskRef = null, TargetVmId = null, Message = retrying };
        draft.Set(VMCloneConventions.ConditionCloning, ConditionStatus.False, reason, retrying);
        draft.Set(VMCloneConventions.ConditionReady, ConditionStatus.False, reason, retrying);
        _events.Event(draft.Clone, EventTypes.Warning, VMCloneConventions.EventFailed, retrying);
        return ReconcileResult.After(delay);
    }

    /// <summary>Terminal failure: phase Failed, conditions, an event (once); not retried until the spec changes.</summary>
    private ReconcileResult Fail(ObjectKey key, Draft draft, string reason, string message)
    {
        var first = draft.Clone.Status?.Phase != ClonePhase.Failed || draft.Clone.Status?.Message != message;
        draft.Status = draft.Status with { Phase = ClonePhase.Failed, Message = message, TaskRef = null, CompletionTime = draft.Now };
        draft.Set(VMCloneConventions.ConditionReady, ConditionStatus.False, reason, message);
        draft.Set(VMCloneConventions.ConditionCloning, ConditionStatus.False, reason, message);
        draft.Set(VMCloneConventions.ConditionFailed, ConditionStatus.True, reason, message);
        if (first)
        {
            VMCloneLog.Failed(_logger, key.ToString(), message);
            _events.Event(draft.Clone, EventTypes.Warning, VMCloneConventions.EventFailed, message);
        }

        return ReconcileResult.Done;
    }

    private async Task<VMClone> SetFinalizerAsync(VMClone clone, bool add, CancellationToken cancellationToken)
    {
        var finalizers = (clone.Metadata.Finalizers ?? []).Where(f => f != VMCloneConventions.Finalizer).ToList();
        if (add)
        {
            finalizers.Add(VMCloneConventions.Finalizer);
        }

        try
        {
            return await _client.VMClones(clone.Metadata.Namespace).UpdateAsync(clone with { Metadata = clone.Metadata with { Finalizers = finalizers } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (!add && e.IsNotFound)
        {
            return clone;
        }
        catch (KubernetesApiException)
        {
            _metrics.RecordError(add ? "add-finalizer" : "remove-finalizer");
            throw;
        }
    }

    /// <summary>Writes the status when it changed; a conflict (a stale cache) is retried by the queue's back-off.</summary>
    private async Task WriteStatusAsync(Draft draft, CancellationToken cancellationToken)
    {
        var before = JsonSerializer.Serialize(draft.Clone.Status ?? new VMCloneStatus(), V1Beta1JsonContext.Default.VMCloneStatus);
        var after = JsonSerializer.Serialize(draft.Status, V1Beta1JsonContext.Default.VMCloneStatus);
        if (before != after)
        {
            draft.Clone = await _client.VMClones(draft.Clone.Metadata.Namespace).UpdateStatusAsync(draft.Clone with { Status = draft.Status }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where the target VirtualMachine lives.</summary>
    internal readonly record struct Target(string Namespace, string Name);

    /// <summary>The clone being reconciled and the status this pass builds (mutable, one per pass).</summary>
    private sealed class Draft(VMClone clone, DateTimeOffset now)
    {
        public VMClone Clone { get; set; } = clone;

        public VMCloneStatus Status { get; set; } = clone.Status ?? new VMCloneStatus();

        public DateTimeOffset Now { get; } = now;

        public string Operation { get; set; } = "Validate";

        public string ProviderName { get; set; } = "";

        public void Set(string type, ConditionStatus status, string reason, string message) =>
            Status = Status with
            {
                Conditions = Conditions.Set(Status.Conditions, type, status, reason, message, Clone.Metadata.Generation, Now),
            };
    }
}
