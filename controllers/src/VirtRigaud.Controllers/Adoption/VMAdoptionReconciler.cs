using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
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

namespace VirtRigaud.Controllers.Adoption;

/// <summary>
/// VM adoption (API-REFERENCE §3.5), a controller of Providers: with <c>virtrigaud.io/adopt-vms: "true"</c> it lists
/// the hypervisor's VMs, keeps those no VirtualMachine manages and that pass <c>virtrigaud.io/adopt-filter</c>, and
/// for each creates (in the Provider's namespace) the VMClass <c>adopted-&lt;cpu&gt;cpu-&lt;mem&gt;mb</c> if missing and a
/// VirtualMachine labelled <c>virtrigaud.io/adopted=true</c> with an <c>importedDisk</c>, then seeds its status
/// (id, power, IPs, provider details, current resources) so the VM controller manages it without creating it.
/// <c>status.adoption</c> counts the last discovery.
/// </summary>
/// <remarks>
/// <para>A provider VM is managed when a VirtualMachine that references this Provider has its id, or its name (a VM
/// being created has no id yet, and providers create VMs under the VirtualMachine's name) — so adoption never races a
/// create into a duplicate.</para>
/// <para>Only <c>status.adoption</c> of the Provider is written, by JSON merge patch, so the Provider controller's
/// status fields are never overwritten. Thread-safety: one key is never reconciled by two workers.</para>
/// </remarks>
public sealed partial class VMAdoptionReconciler : IReconciler
{
    private readonly VirtRigaudClient _client;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<VMClass> _classes;
    private readonly ProviderConnectionPool _pool;
    private readonly EventRecorder _events;
    private readonly ManagerMetrics _metrics;
    private readonly VMAdoptionReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ObjectKey, string> _discovered = new();
    private readonly ConcurrentDictionary<ObjectKey, int> _failures = new();

    /// <summary>Creates the reconciler over the manager's informers, client, events and metrics. Does no work.</summary>
    public VMAdoptionReconciler(ControllerManager manager, ProviderConnectionPool pool, VMAdoptionReconcilerOptions? options = null)
    {
        _client = manager.Client;
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _classes = manager.Informers.ListerFor(ResourceDefinitions.VMClasses);
        _pool = pool;
        _events = manager.Events;
        _metrics = manager.Metrics;
        _options = (options ?? new VMAdoptionReconcilerOptions()).Validate();
        _time = manager.TimeProvider;
        _logger = manager.LoggerFactory.CreateLogger<VMAdoptionReconciler>();
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var provider = _providers.Get(key.Namespace, key.Name);
        if (provider is null || provider.Metadata.DeletionTimestamp is not null)
        {
            _discovered.TryRemove(key, out _);
            _failures.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        var current = provider.Status?.Adoption;
        if (provider.Metadata.Annotation(VMAdoptionConventions.AdoptVMsAnnotation) != "true")
        {
            _discovered.TryRemove(key, out _);
            if (current is not null)
            {
                await WriteAdoptionAsync(provider, null, cancellationToken).ConfigureAwait(false);
            }

            return ReconcileResult.Done;
        }

        var filterText = provider.Metadata.Annotation(VMAdoptionConventions.AdoptFilterAnnotation);
        AdoptionFilter filter;
        try
        {
            filter = AdoptionFilter.Parse(filterText);
        }
        catch (FormatException e)
        {
            _metrics.RecordError("adoption-invalid-filter");
            var message = $"invalid {VMAdoptionConventions.AdoptFilterAnnotation} annotation: {e.Message}";
            if (current?.Message != message)
            {
                _events.Event(provider, EventTypes.Warning, VMAdoptionConventions.EventInvalidFilter, message);
            }

            // Fixed by editing the annotation, which brings the Provider back: no polling.
            await WriteAdoptionAsync(provider, (current ?? new ProviderAdoptionStatus()) with { Message = message }, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        if (!Conditions.IsTrue(provider.Status?.Conditions, VMAdoptionConventions.ProviderAvailableCondition) || _pool.Get(key.Namespace, key.Name) is not { } connection)
        {
            var message = $"Provider not ready: waiting for condition {VMAdoptionConventions.ProviderAvailableCondition}=True and a validated connection";
            await WriteAdoptionAsync(provider, (current ?? new ProviderAdoptionStatus()) with { Message = message }, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.After(_options.NotReadyInterval);
        }

        // A change of the annotations discovers at once; otherwise at most once per MinDiscoveryInterval.
        var fingerprint = filterText ?? "";
        var now = TruncateToSeconds(_time.GetUtcNow());
        if (current?.LastDiscoveryTime is { } last && _discovered.TryGetValue(key, out var seen) && seen == fingerprint && last + _options.MinDiscoveryInterval > now)
        {
            return ReconcileResult.After(last + _options.MinDiscoveryInterval - now);
        }

        VirtRigaud.Provider.V1.ListVMsResponse listed;
        try
        {
            listed = await connection.ListVMsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.RecordError("adoption-discover-failed");
            var failures = _failures.AddOrUpdate(key, 1, (_, n) => n + 1);
            var delay = _options.Backoff(failures);
            var message = $"ListVMs failed: {e.Status.Detail} ({e.StatusCode}); retrying in {delay}";
            VMAdoptionLog.DiscoveryFailed(_logger, key.ToString(), e.StatusCode.ToString(), e.Status.Detail);
            await WriteAdoptionAsync(provider, (current ?? new ProviderAdoptionStatus()) with { Message = message }, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.After(delay);
        }

        _failures.TryRemove(key, out _);
        var outcome = await AdoptAsync(provider, listed, filter, cancellationToken).ConfigureAwait(false);
        var adoption = new ProviderAdoptionStatus
        {
            LastDiscoveryTime = now,
            DiscoveredVMs = outcome.Discovered,
            AdoptedVMs = outcome.Adopted,
            FailedAdoptions = outcome.Failures.Count,
            Message = outcome.Summary(listed.Vms.Count),
        };
        VMAdoptionLog.Discovered(_logger, key.ToString(), listed.Vms.Count, outcome.Discovered, outcome.Adopted, outcome.Failures.Count);
        if (outcome.Adopted > 0)
        {
            _events.Event(provider, EventTypes.Normal, VMAdoptionConventions.EventAdopted, $"adopted {outcome.Adopted} VMs: {string.Join(", ", outcome.AdoptedNames.Take(10))}{(outcome.Adopted > 10 ? ", …" : "")}");
        }

        if (outcome.Failures.Count > 0)
        {
            _events.Event(provider, EventTypes.Warning, VMAdoptionConventions.EventAdoptionFailed, string.Join("; ", outcome.Failures.Take(5)) + (outcome.Failures.Count > 5 ? "; …" : ""));
        }

        await WriteAdoptionAsync(provider, adoption, cancellationToken).ConfigureAwait(false);
        _discovered[key] = fingerprint;
        return ReconcileResult.After(_options.RediscoveryInterval);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>
    /// Writes <c>status.adoption</c> alone (JSON merge patch; every field sent, absent ones as null, so stale values go),
    /// only when it changed; null clears it.
    /// </summary>
    private async Task WriteAdoptionAsync(Api.V1Beta1.Provider provider, ProviderAdoptionStatus? adoption, CancellationToken cancellationToken)
    {
        var current = provider.Status?.Adoption;
        if (current == adoption)
        {
            return;
        }

        JsonNode? value = null;
        if (adoption is not null)
        {
            value = new JsonObject
            {
                ["lastDiscoveryTime"] = adoption.LastDiscoveryTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["discoveredVMs"] = adoption.DiscoveredVMs,
                ["adoptedVMs"] = adoption.AdoptedVMs,
                ["failedAdoptions"] = adoption.FailedAdoptions,
                ["message"] = adoption.Message,
            };
        }

        var patch = new JsonObject { ["status"] = new JsonObject { ["adoption"] = value } };
        try
        {
            await _client.Providers(provider.Metadata.Namespace).PatchStatusAsync(provider.Metadata.Name ?? "", KubernetesPatch.Merge(patch), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            // The Provider went away meanwhile.
        }
        catch (KubernetesApiException)
        {
            _metrics.RecordError("adoption-status-update");
            throw;
        }
    }
}
