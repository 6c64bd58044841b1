using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The Provider reconciler (API-REFERENCE §3.1 with its ⚠ fixed): runs each Provider's gRPC server in its
/// <c>spec.runtime.mode</c> (Remote: Deployment + Service; Local: a child process; External: the user's address)
/// behind upstream's TLS posture gate, health-checks it with Validate through the Provider's circuit breaker, and
/// reports <c>status.runtime</c>, <c>healthy</c>, <c>lastHealthCheck</c>, <c>connectedVMs</c>, <c>version</c>,
/// <c>reportedCapabilities</c> and the conditions TLSConfigured, ProviderRuntimeReady, ProviderAvailable and
/// CapabilitiesReported. Unlike upstream, ProviderAvailable goes back to False when the provider stops answering and
/// <c>status.runtime.phase</c> is always set.
/// </summary>
/// <remarks>
/// Order per pass: gone or deleting ⇒ stop the runtime, close the connection; TLS gate; the mode's runtime; health
/// check (<c>spec.healthCheck</c>: interval, timeout, failure and success thresholds); capabilities; status (only when
/// changed, retried on conflict onto a fresh read so other writers' <c>status.adoption</c> survives). Thread-safety:
/// the controller never reconciles one key on two workers; per-key counters are concurrent maps.
/// </remarks>
public sealed partial class ProviderReconciler : IReconciler
{
    private const int DefaultFailureThreshold = 3;
    private const int DefaultSuccessThreshold = 1;

    private readonly VirtRigaudClient _client;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<Secret> _secrets;
    private readonly Lister<Client.Models.AppsV1.Deployment>? _deployments;
    private readonly Lister<Service>? _services;
    private readonly Lister<PersistentVolumeClaim>? _claims;
    private readonly ProviderConnectionPool _pool;
    private readonly LocalProviderSupervisor _supervisor;
    private readonly EventRecorder _events;
    private readonly ManagerMetrics _metrics;
    private readonly ProviderControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ObjectKey, HealthCounters> _health = new();
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _capabilitiesFetched = new();

    /// <summary>Creates the reconciler over the manager's informers, client, events and metrics. Does no work.</summary>
    public ProviderReconciler(ControllerManager manager, ProviderConnectionPool pool, LocalProviderSupervisor supervisor, ProviderControllerOptions options)
    {
        _options = options.Validate();
        _client = manager.Client;
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _secrets = manager.Informers.ListerFor(ResourceDefinitions.Secrets);
        _deployments = options.Apis.Deployments ? manager.Informers.ListerFor(ResourceDefinitions.Deployments) : null;
        _services = options.Apis.Services ? manager.Informers.ListerFor(ResourceDefinitions.Services) : null;
        _claims = options.Apis.PersistentVolumeClaims ? manager.Informers.ListerFor(ResourceDefinitions.PersistentVolumeClaims) : null;
        _pool = pool;
        _supervisor = supervisor;
        _events = manager.Events;
        _metrics = manager.Metrics;
        _time = manager.TimeProvider;
        _logger = manager.LoggerFactory.CreateLogger<ProviderReconciler>();
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var provider = _providers.Get(key.Namespace, key.Name);
        if (provider is null || provider.Metadata.DeletionTimestamp is not null)
        {
            await ForgetAsync(key, provider, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var draft = new ProviderStatusDraft(provider, _time.GetUtcNow());
        var mode = provider.Spec.Runtime.Mode ?? ProviderRuntimeMode.Remote;
        draft.Status = draft.Status with { ObservedGeneration = provider.Metadata.Generation };
        draft.Runtime = draft.Runtime with { Mode = mode };
        await LeaveOtherModesAsync(key, provider, mode, cancellationToken).ConfigureAwait(false);

        var posture = ProviderTlsPosture.Evaluate(provider.Spec);
        draft.Set(ProviderConditions.TlsConfigured, posture.Reason == ProviderConditions.ReasonTlsEnabled ? ConditionStatus.True : ConditionStatus.False, posture.Reason, posture.Message);
        RuntimeOutcome runtime;
        if (!posture.Proceed)
        {
            runtime = await RefuseAsync(key, draft, posture, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (!posture.Enabled && Conditions.Find(provider.Status?.Conditions, ProviderConditions.TlsConfigured)?.Reason != ProviderConditions.ReasonTlsExplicitlyDisabled)
            {
                ProviderRuntimeLog.PlaintextProvider(_logger, key.Namespace, key.Name);
            }

            runtime = mode switch
            {
                ProviderRuntimeMode.Local => await ReconcileLocalAsync(key, draft, posture, cancellationToken).ConfigureAwait(false),
                ProviderRuntimeMode.External => ReconcileExternal(draft, posture),
                _ => await ReconcileRemoteAsync(draft, posture, cancellationToken).ConfigureAwait(false),
            };
        }

        TimeSpan? healthRequeue;
        if (runtime.Target is { } target)
        {
            healthRequeue = await CheckHealthAsync(key, draft, runtime, target, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _pool.MarkUnavailable(key.Namespace, key.Name);
            _health.TryRemove(key, out _);
            SetUnavailable(draft, ProviderConditions.ReasonRuntimeNotReady, runtime.NotReadyMessage);
            healthRequeue = null;
        }

        draft.Status = draft.Status with
        {
            ConnectedVMs = CountConnectedVms(key),
            Healthy = Conditions.IsTrue(draft.Status.Conditions, ProviderConditions.Available),
            Version = VersionOf(provider, mode),
        };
        await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
        RecordAvailabilityTransition(draft);
        return Earliest(runtime.RequeueAfter, healthRequeue) is { } after ? ReconcileResult.After(after) : ReconcileResult.Done;
    }

    /// <summary>The TLS gate said no: nothing runs, and the status says what to set.</summary>
    private async Task<RuntimeOutcome> RefuseAsync(ObjectKey key, ProviderStatusDraft draft, ProviderTlsPosture posture, CancellationToken cancellationToken)
    {
        if (Conditions.Find(draft.Provider.Status?.Conditions, ProviderConditions.TlsConfigured)?.Reason != posture.Reason)
        {
            ProviderRuntimeLog.RuntimeRefused(_logger, key.Namespace, key.Name, posture.Reason, posture.Message);
            _events.Event(draft.Provider, EventTypes.Warning, ProviderConditions.EventTlsNotConfigured, posture.Message);
        }

        _metrics.RecordError("tls-not-configured");
        await _supervisor.StopAsync(key).ConfigureAwait(false);
        draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonTlsNotConfigured, posture.Message);
        draft.Phase(ProviderRuntimePhase.Failed, posture.Message);

        // Only a spec change can lift the refusal, and a spec change is an event: no polling.
        return new RuntimeOutcome { AvailableReason = "", NotReadyMessage = "the provider is not run: " + posture.Message };
    }

    /// <summary>
    /// Validates the provider through its breaker and applies the health-check thresholds to ProviderAvailable; then
    /// refreshes the capabilities. Returns when to check again (the health-check interval).
    /// </summary>
    private async Task<TimeSpan?> CheckHealthAsync(ObjectKey key, ProviderStatusDraft draft, RuntimeOutcome runtime, ProviderTarget target, CancellationToken cancellationToken)
    {
        var check = draft.Provider.Spec.HealthCheck;
        var interval = check?.Interval?.Value is { } i && i > TimeSpan.Zero ? i : _options.DefaultHealthCheckInterval;
        var timeout = check?.Timeout?.Value is { } t && t > TimeSpan.Zero ? t : _options.DefaultHealthCheckTimeout;
        var failureThreshold = Math.Max(1, check?.FailureThreshold ?? DefaultFailureThreshold);
        var successThreshold = Math.Max(1, check?.SuccessThreshold ?? DefaultSuccessThreshold);
        var counters = _health.GetOrAdd(key, _ => new HealthCounters());
        var wasAvailable = draft.WasTrue(ProviderConditions.Available);
        ProviderConnection connection;
        try
        {
            connection = await _pool.CheckAsync(target, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderUnavailableException e)
        {
            // It answered: the runtime is up, the hypervisor behind it is not usable.
            Reachable(draft, runtime, target);
            Failed(key, draft, counters, failureThreshold, wasAvailable, ProviderConditions.ReasonValidationFailed,
                $"Validate answered not ok: {e.ValidationMessage}", immediate: false);
            return check?.Enabled == false ? _options.NotReadyRequeue : interval;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var rejected = CircuitBreaker.IsRejection(e);
            if (runtime.ReadinessFromHealth)
            {
                var message = $"{target.Endpoint} is not answering: {e.Status.Detail} ({ProviderRpcMetrics.CodeName(e.StatusCode)})";
                draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonEndpointUnreachable, message);
                draft.Phase(draft.Provider.Status?.Runtime?.Phase == ProviderRuntimePhase.Running ? ProviderRuntimePhase.Failed : ProviderRuntimePhase.Pending, message);
            }

            // An open breaker already counted its failures: the provider is unavailable now, whatever the threshold.
            Failed(key, draft, counters, failureThreshold, wasAvailable,
                rejected ? ProviderConditions.ReasonCircuitOpen : ProviderConditions.ReasonProviderUnreachable,
                rejected ? e.Status.Detail : $"Validate failed: {e.Status.Detail} ({ProviderRpcMetrics.CodeName(e.StatusCode)})",
                immediate: rejected);
            return check?.Enabled == false ? _options.NotReadyRequeue : interval;
        }

        Reachable(draft, runtime, target);
        var successes = counters.Success();
        if (wasAvailable || successes >= successThreshold)
        {
            _pool.MarkAvailable(key.Namespace, key.Name);
            draft.Set(ProviderConditions.Available, ConditionStatus.True, runtime.AvailableReason, $"provider answered Validate at {target.Endpoint}");
            var last = draft.Provider.Status?.LastHealthCheck;
            if (!wasAvailable || last is null || draft.Now - last.Value >= interval / 2)
            {
                // Written at most about once per interval: a timestamp alone must not turn every reconcile into a write.
                draft.Status = draft.Status with { LastHealthCheck = draft.Now };
            }

            await RefreshCapabilitiesAsync(key, draft, connection, interval, wasAvailable, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            draft.Set(ProviderConditions.Available, ConditionStatus.False, Conditions.Find(draft.Provider.Status?.Conditions, ProviderConditions.Available)?.Reason ?? ProviderConditions.ReasonRuntimeNotReady,
                $"recovering: Validate passed {successes} of the {successThreshold} consecutive times spec.healthCheck.successThreshold asks for");
        }

        return check?.Enabled == false ? null : interval;
    }

    private static void Reachable(ProviderStatusDraft draft, RuntimeOutcome runtime, ProviderTarget target)
    {
        if (runtime.ReadinessFromHealth)
        {
            var message = $"provider answering at {target.Endpoint}";
            draft.Set(ProviderConditions.RuntimeReady, ConditionStatus.True, ProviderConditions.ReasonEndpointReachable, message);
            draft.Phase(ProviderRuntimePhase.Running, message);
        }
    }

    private void Failed(ObjectKey key, ProviderStatusDraft draft, HealthCounters counters, int failureThreshold, bool wasAvailable, string reason, string message, bool immediate)
    {
        var failures = counters.Failure();
        if (immediate || !wasAvailable || failures >= failureThreshold)
        {
            _pool.MarkUnavailable(key.Namespace, key.Name);
            SetUnavailable(draft, reason, message);
            return;
        }

        // Still within spec.healthCheck.failureThreshold: available, and the message says the checks are failing.
        draft.Set(ProviderConditions.Available, ConditionStatus.True, Conditions.Find(draft.Provider.Status?.Conditions, ProviderConditions.Available)!.Reason,
            $"health check failed {failures} of the {failureThreshold} consecutive times spec.healthCheck.failureThreshold allows: {message}");
    }

    private static void SetUnavailable(ProviderStatusDraft draft, string reason, string message) =>
        draft.Set(ProviderConditions.Available, ConditionStatus.False, reason, message);

    private async Task RefreshCapabilitiesAsync(ObjectKey key, ProviderStatusDraft draft, ProviderConnection connection, TimeSpan interval, bool wasAvailable, CancellationToken cancellationToken)
    {
        // The answer does not change while a provider process runs (provider.proto): ask again when the provider
        // (re)appears, the spec or endpoint changed, the last answer failed, or an interval passed.
        var previous = draft.Provider.Status;
        var fresh = wasAvailable
            && Conditions.IsTrue(previous?.Conditions, ProviderConditions.CapabilitiesReported)
            && previous?.ObservedGeneration == draft.Provider.Metadata.Generation
            && previous?.Runtime?.Endpoint == draft.Runtime.Endpoint
            && _capabilitiesFetched.TryGetValue(key, out var at) && draft.Now - at < interval;
        if (fresh)
        {
            return;
        }

        try
        {
            var capabilities = await connection.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
            draft.Status = draft.Status with { ReportedCapabilities = ProviderCapabilitiesMapping.ToStatus(capabilities) };
            draft.Set(ProviderConditions.CapabilitiesReported, ConditionStatus.True, ProviderConditions.ReasonCapabilitiesFetched, "capabilities reported by GetCapabilities");
            _capabilitiesFetched[key] = draft.Now;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            ProviderRuntimeLog.CapabilitiesFailed(_logger, key.Namespace, key.Name, ProviderRpcMetrics.CodeName(e.StatusCode));
            draft.Set(ProviderConditions.CapabilitiesReported, ConditionStatus.False, ProviderConditions.ReasonCapabilitiesUnavailable,
                $"GetCapabilities failed: {e.Status.Detail} ({ProviderRpcMetrics.CodeName(e.StatusCode)}); the last reported capabilities are kept");
        }
    }

    private void RecordAvailabilityTransition(ProviderStatusDraft draft)
    {
        var was = draft.WasTrue(ProviderConditions.Available);
        var now = Conditions.Find(draft.Status.Conditions, ProviderConditions.Available);
        if (now is null || was == (now.Status == ConditionStatus.True))
        {
            return;
        }

        if (now.Status == ConditionStatus.True)
        {
            ProviderRuntimeLog.ProviderAvailable(_logger, draft.Namespace, draft.Name, draft.Runtime.Mode?.ToString() ?? "", draft.Runtime.Endpoint ?? "");
            _events.Event(draft.Provider, EventTypes.Normal, ProviderConditions.EventAvailable, now.Message);
        }
        else
        {
            ProviderRuntimeLog.ProviderUnavailable(_logger, draft.Namespace, draft.Name, now.Reason, now.Message);
            if (was)
            {
                _events.Event(draft.Provider, EventTypes.Warning, ProviderConditions.EventUnavailable, $"{now.Reason}: {now.Message}");
            }
        }
    }

    private int CountConnectedVms(ObjectKey key) => _vms.List().Count(vm =>
        vm.Spec.ProviderRef.Name == key.Name
        && (string.IsNullOrEmpty(vm.Spec.ProviderRef.Namespace) ? vm.Metadata.Namespace : vm.Spec.ProviderRef.Namespace) == key.Namespace);

    /// <summary>Stops the runtime of a Provider that is gone (or being deleted) and forgets everything about it.</summary>
    private async Task ForgetAsync(ObjectKey key, Api.V1Beta1.Provider? deleting, CancellationToken cancellationToken)
    {
        if (_supervisor.StatusOf(key) is not null || _pool.Get(key.Namespace, key.Name) is not null || _health.ContainsKey(key))
        {
            ProviderRuntimeLog.ProviderGone(_logger, key.Namespace, key.Name);
        }

        await _supervisor.StopAsync(key).ConfigureAwait(false);
        _pool.Remove(key.Namespace, key.Name);
        _health.TryRemove(key, out _);
        _capabilitiesFetched.TryRemove(key, out _);

        // Upstream's explicit cleanup (owner references let Kubernetes collect them anyway once the Provider is gone).
        if (deleting is not null)
        {
            await DeleteRemoteResourcesAsync(deleting, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A Provider that changed mode leaves nothing of the old one running.</summary>
    private async Task LeaveOtherModesAsync(ObjectKey key, Api.V1Beta1.Provider provider, ProviderRuntimeMode mode, CancellationToken cancellationToken)
    {
        if (mode != ProviderRuntimeMode.Local)
        {
            await _supervisor.StopAsync(key).ConfigureAwait(false);
        }

        if (mode != ProviderRuntimeMode.Remote)
        {
            await DeleteRemoteResourcesAsync(provider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The provider's version: the image tag (Remote), the binary's product version (Local), none (External: the
    /// contract carries no version).
    /// </summary>
    private string? VersionOf(Api.V1Beta1.Provider provider, ProviderRuntimeMode mode) => mode switch
    {
        ProviderRuntimeMode.Remote => ImageVersion(provider.Spec.Runtime.Image),
        ProviderRuntimeMode.Local => _supervisor.StatusOf(ObjectKey.Of(provider)) is null ? provider.Status?.Version : BinaryVersion(provider.Spec.Type),
        _ => null,
    };

    private static string? ImageVersion(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return null;
        }

        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return image[(at + 1)..];
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[(colon + 1)..] : "latest";
    }

    private async Task WriteStatusAsync(ProviderStatusDraft draft, CancellationToken cancellationToken)
    {
        var current = draft.Provider;
        for (var attempt = 1; ; attempt++)
        {
            // Fields other writers own (adoption: the VMAdoption controller) are taken from the object written onto.
            var desired = draft.Status with
            {
                Adoption = current.Status?.Adoption,
                ResourceUsage = current.Status?.ResourceUsage,
                Capabilities = current.Status?.Capabilities,
            };
            var before = JsonSerializer.Serialize(current.Status ?? new ProviderStatus(), V1Beta1JsonContext.Default.ProviderStatus);
            if (before == JsonSerializer.Serialize(desired, V1Beta1JsonContext.Default.ProviderStatus))
            {
                return;
            }

            try
            {
                await _client.Providers(draft.Namespace).UpdateStatusAsync(current with { Status = desired }, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < _options.StatusWriteAttempts)
            {
                current = await _client.Providers(draft.Namespace).GetAsync(draft.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return;
            }
        }
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => (a, b) switch
    {
        ({ } x, { } y) => x < y ? x : y,
        ({ } x, null) => x,
        (null, { } y) => y,
        _ => null,
    };

    /// <summary>Consecutive health-check outcomes of one Provider (spec.healthCheck thresholds). Thread-safe.</summary>
    private sealed class HealthCounters
    {
        private int _successes;
        private int _failures;

        public int Success()
        {
            Interlocked.Exchange(ref _failures, 0);
            return Interlocked.Increment(ref _successes);
        }

        public int Failure()
        {
            Interlocked.Exchange(ref _successes, 0);
            return Interlocked.Increment(ref _failures);
        }
    }
}
