using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.NetworkAttachments;

/// <summary>
/// The VMNetworkAttachment status (upstream never writes it): <c>connectedVMs</c> (VMs with a NIC on it),
/// <c>providerStatus</c> per Provider in scope (see <see cref="ProviderScope"/>) from
/// <see cref="NetworkCapabilityCheck"/>, <c>availableOn</c>, <c>ready</c>, <c>phase</c> (Pending: no Provider in
/// scope; Ready: usable on one at least; Failed: usable on none) and the conditions Ready and Validated.
/// </summary>
/// <remarks>
/// Writes only on change; a change of <c>connectedVMs</c> alone is throttled (<see cref="StatusAggregationOptions"/>);
/// an entry's <c>lastUpdated</c> moves only when the entry changes. No provider RPCs. Thread-safety: one key is never
/// reconciled by two workers.
/// </remarks>
public sealed class VMNetworkAttachmentReconciler : IReconciler
{
    private readonly VirtRigaudClient _client;
    private readonly Lister<VMNetworkAttachment> _attachments;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly TimeProvider _time;
    private readonly UsageWriteThrottle _throttle;

    /// <summary>Creates the reconciler over the manager's informers (the VM indexes must be registered). Does no work.</summary>
    public VMNetworkAttachmentReconciler(ControllerManager manager, StatusAggregationOptions? options = null)
    {
        _client = manager.Client;
        _attachments = manager.Informers.ListerFor(ResourceDefinitions.VMNetworkAttachments);
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _time = manager.TimeProvider;
        _throttle = new UsageWriteThrottle(_time, (options ?? new StatusAggregationOptions()).Validate().UsageWriteInterval);
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var attachment = _attachments.Get(key.Namespace, key.Name);
        if (attachment is null)
        {
            _throttle.Forget(key);
            return ReconcileResult.Done;
        }

        var now = _time.GetUtcNow();
        var old = attachment.Status ?? new VMNetworkAttachmentStatus();
        var users = VirtualMachineIndexes.Using(_vms, VirtualMachineIndexes.ByNetworkAttachment, key.Namespace, key.Name);
        var entries = new SortedDictionary<string, NetworkProviderStatus>(StringComparer.Ordinal);
        var problems = new List<string>();
        var notReported = new List<string>();
        foreach (var (label, provider) in ProviderScope.For(_providers, key.Namespace, users))
        {
            var capabilities = provider.Status?.ReportedCapabilities;
            var problem = NetworkCapabilityCheck.Problem(attachment.Spec.Network, label, provider.Spec.Type, capabilities);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else if (capabilities is null)
            {
                notReported.Add(label);
            }

            var entry = new NetworkProviderStatus
            {
                Available = problem is null,
                State = problem is null ? VMNetworkAttachmentConventions.StateAvailable : VMNetworkAttachmentConventions.StateUnsupported,
                Message = problem ?? (capabilities is null ? "configuration present; network types not checked (capabilities not reported yet)" : null),
                LastUpdated = now,
            };
            entries[label] = old.ProviderStatus?.TryGetValue(label, out var previous) == true && previous with { LastUpdated = now } == entry ? previous : entry;
        }

        var available = entries.Where(e => e.Value.Available).Select(e => e.Key).ToList();
        var generation = attachment.Metadata.Generation;
        var status = old with
        {
            ObservedGeneration = generation,
            ConnectedVMs = users.Count,
            ProviderStatus = entries.Count == 0 ? null : new Dictionary<string, NetworkProviderStatus>(entries, StringComparer.Ordinal),
            AvailableOn = available.Count == 0 ? null : available,
            Ready = available.Count > 0,
        };
        var notChecked = notReported.Count == 0 ? "" : $"; network types not checked on {string.Join(", ", notReported)} (capabilities not reported)";
        if (entries.Count == 0)
        {
            var none = $"no Provider in namespace {key.Namespace} and no VirtualMachine uses this network from elsewhere";
            status = status with { Phase = VMNetworkAttachmentPhase.Pending, Message = none };
            status = Set(status, VMNetworkAttachmentConventions.ConditionReady, ConditionStatus.False, VMNetworkAttachmentConventions.ReasonNoProviders, none, generation, now);
            status = Set(status, VMNetworkAttachmentConventions.ConditionValidated, ConditionStatus.Unknown, VMNetworkAttachmentConventions.ReasonNoProviders, none, generation, now);
        }
        else
        {
            var detail = string.Join("; ", problems);
            status = available.Count > 0
                ? status with { Phase = VMNetworkAttachmentPhase.Ready, Message = null }
                : status with { Phase = VMNetworkAttachmentPhase.Failed, Message = detail };
            status = available.Count > 0
                ? Set(status, VMNetworkAttachmentConventions.ConditionReady, ConditionStatus.True, VMNetworkAttachmentConventions.ReasonAvailable, $"available on {string.Join(", ", available)}", generation, now)
                : Set(status, VMNetworkAttachmentConventions.ConditionReady, ConditionStatus.False, VMNetworkAttachmentConventions.ReasonUnsupported, detail, generation, now);
            status = problems.Count == 0
                ? Set(status, VMNetworkAttachmentConventions.ConditionValidated, ConditionStatus.True, VMNetworkAttachmentConventions.ReasonAvailable, $"usable on {string.Join(", ", entries.Keys)}{notChecked}", generation, now)
                : Set(status, VMNetworkAttachmentConventions.ConditionValidated, ConditionStatus.False, VMNetworkAttachmentConventions.ReasonUnsupported, detail + notChecked, generation, now);
        }

        var after = JsonSerializer.Serialize(status, V1Beta1JsonContext.Default.VMNetworkAttachmentStatus);
        if (JsonSerializer.Serialize(old, V1Beta1JsonContext.Default.VMNetworkAttachmentStatus) == after)
        {
            return ReconcileResult.Done;
        }

        var usageOnly = JsonSerializer.Serialize(old with { ConnectedVMs = status.ConnectedVMs }, V1Beta1JsonContext.Default.VMNetworkAttachmentStatus) == after;
        if (_throttle.Hold(key, usageOnly) is { } hold)
        {
            return ReconcileResult.After(hold);
        }

        await _client.VMNetworkAttachments(key.Namespace).UpdateStatusAsync(attachment with { Status = status }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    private static VMNetworkAttachmentStatus Set(VMNetworkAttachmentStatus status, string type, ConditionStatus value, string reason, string message, long? generation, DateTimeOffset now) =>
        status with
        {
            Conditions = Conditions.Set(status.Conditions, type, value, reason, message, generation, now),
        };
}
