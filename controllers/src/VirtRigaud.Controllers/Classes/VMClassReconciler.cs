using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Classes;

/// <summary>
/// The VMClass status (upstream's reconciler is a no-op): <c>usedByVMs</c>, <c>validationResults</c> per Provider in
/// scope (see <see cref="ProviderScope"/>) from <see cref="ClassCapabilityCheck"/> against each Provider's
/// <c>status.reportedCapabilities</c>, <c>supportedProviders</c>, and the conditions Validated, Supported and Ready.
/// No provider RPCs: everything comes from the informer caches.
/// </summary>
/// <remarks>
/// Writes only on change; a change of <c>usedByVMs</c> alone is throttled (<see cref="StatusAggregationOptions"/>), and
/// a result's <c>lastValidated</c> moves only when the result changes. Thread-safety: one key is never reconciled by
/// two workers; the throttle is thread-safe.
/// </remarks>
public sealed class VMClassReconciler : IReconciler
{
    private readonly VirtRigaudClient _client;
    private readonly Lister<VMClass> _classes;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly UsageWriteThrottle _throttle;

    /// <summary>Creates the reconciler over the manager's informers (the VM indexes must be registered). Does no work.</summary>
    public VMClassReconciler(ControllerManager manager, StatusAggregationOptions? options = null)
    {
        _client = manager.Client;
        _classes = manager.Informers.ListerFor(ResourceDefinitions.VMClasses);
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _events = manager.Events;
        _time = manager.TimeProvider;
        _throttle = new UsageWriteThrottle(_time, (options ?? new StatusAggregationOptions()).Validate().UsageWriteInterval);
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var vmClass = _classes.Get(key.Namespace, key.Name);
        if (vmClass is null)
        {
            _throttle.Forget(key);
            return ReconcileResult.Done;
        }

        var now = _time.GetUtcNow();
        var old = vmClass.Status ?? new VMClassStatus();
        var users = VirtualMachineIndexes.Using(_vms, VirtualMachineIndexes.ByClass, key.Namespace, key.Name);
        var results = new SortedDictionary<string, ClassValidationResult>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (label, provider) in ProviderScope.For(_providers, key.Namespace, users))
        {
            if (provider.Status?.ReportedCapabilities is not { } capabilities)
            {
                unknown.Add(label);
                continue;
            }

            var result = ClassCapabilityCheck.Check(vmClass.Spec, label, provider.Spec.Type, capabilities);
            results[label] = old.ValidationResults?.TryGetValue(label, out var previous) == true && SameResult(previous, result)
                ? previous
                : result with { LastValidated = now };
        }

        var supported = results.Where(r => r.Value.Valid).Select(r => r.Key).ToList();
        var invalid = results.Where(r => !r.Value.Valid).Select(r => r.Value.Message).ToList();
        var notChecked = unknown.Count == 0 ? "" : $"; not checked (capabilities not reported): {string.Join(", ", unknown)}";
        var status = new VMClassStatus
        {
            ObservedGeneration = vmClass.Metadata.Generation,
            UsedByVMs = users.Count,
            SupportedProviders = supported.Count == 0 ? null : supported,
            ValidationResults = results.Count == 0 ? null : new Dictionary<string, ClassValidationResult>(results, StringComparer.Ordinal),
            Conditions = old.Conditions,
        };

        var generation = vmClass.Metadata.Generation;
        if (results.Count == 0)
        {
            var why = unknown.Count == 0
                ? $"no Provider in namespace {key.Namespace} and no VirtualMachine uses this class"
                : $"no Provider has reported its capabilities yet ({string.Join(", ", unknown)})";
            status = Set(status, VMClassConventions.ConditionValidated, ConditionStatus.Unknown, VMClassConventions.ReasonCapabilitiesUnknown, why, generation, now);
            status = Set(status, VMClassConventions.ConditionSupported, ConditionStatus.Unknown, VMClassConventions.ReasonCapabilitiesUnknown, why, generation, now);
            status = Set(status, VMClassConventions.ConditionReady, ConditionStatus.True, VMClassConventions.ReasonValid, "the class is valid; " + why, generation, now);
        }
        else
        {
            status = invalid.Count == 0
                ? Set(status, VMClassConventions.ConditionValidated, ConditionStatus.True, VMClassConventions.ReasonValid, $"valid on {string.Join(", ", results.Keys)}{notChecked}", generation, now)
                : Set(status, VMClassConventions.ConditionValidated, ConditionStatus.False, VMClassConventions.ReasonInvalid, string.Join("; ", invalid) + notChecked, generation, now);
            status = supported.Count > 0
                ? Set(status, VMClassConventions.ConditionSupported, ConditionStatus.True, VMClassConventions.ReasonSupported, $"supported by {string.Join(", ", supported)}", generation, now)
                : Set(status, VMClassConventions.ConditionSupported, ConditionStatus.False, VMClassConventions.ReasonUnsupported, "no Provider supports this class: " + string.Join("; ", invalid), generation, now);
            status = supported.Count > 0
                ? Set(status, VMClassConventions.ConditionReady, ConditionStatus.True, VMClassConventions.ReasonValid, $"the class can be used on {string.Join(", ", supported)}", generation, now)
                : Set(status, VMClassConventions.ConditionReady, ConditionStatus.False, VMClassConventions.ReasonUnsupported, "no Provider supports this class: " + string.Join("; ", invalid), generation, now);
        }

        var before = JsonSerializer.Serialize(old, V1Beta1JsonContext.Default.VMClassStatus);
        var after = JsonSerializer.Serialize(status, V1Beta1JsonContext.Default.VMClassStatus);
        if (before == after)
        {
            return ReconcileResult.Done;
        }

        var usageOnly = JsonSerializer.Serialize(old with { UsedByVMs = status.UsedByVMs }, V1Beta1JsonContext.Default.VMClassStatus) == after;
        if (_throttle.Hold(key, usageOnly) is { } hold)
        {
            return ReconcileResult.After(hold);
        }

        await _client.VMClasses(key.Namespace).UpdateStatusAsync(vmClass with { Status = status }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (invalid.Count > 0 && !Conditions.IsFalse(old.Conditions, VMClassConventions.ConditionValidated))
        {
            _events.Event(vmClass, EventTypes.Warning, VMClassConventions.EventValidationFailed, string.Join("; ", invalid));
        }

        return ReconcileResult.Done;
    }

    private static bool SameResult(ClassValidationResult previous, ClassValidationResult current) =>
        previous.Valid == current.Valid && previous.Message == current.Message && (previous.Warnings ?? []).SequenceEqual(current.Warnings ?? []);

    private static VMClassStatus Set(VMClassStatus status, string type, ConditionStatus value, string reason, string message, long? generation, DateTimeOffset now) =>
        status with
        {
            Conditions = Conditions.Set(status.Conditions, type, value, reason, message, generation, now),
        };
}
