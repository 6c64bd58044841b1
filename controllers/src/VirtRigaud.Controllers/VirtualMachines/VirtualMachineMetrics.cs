using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// The VM-specific family of upstream's manager (API-REFERENCE §5) on the manager's meter:
/// <c>virtrigaud_ip_discovery_duration_seconds{provider_type}</c>, the time from a VM's creationTimestamp to the first
/// reconcile that sees IPs (buckets 0.1 × 2^0..9 s). The other VM families come from elsewhere:
/// <c>virtrigaud_vm_operations_total</c> from <c>ProviderRpcMetrics</c>, reconcile counters from the runtime.
/// Thread-safe.
/// </summary>
internal sealed class VirtualMachineMetrics
{
    private readonly Histogram<double> _ipDiscovery;
    private readonly ConcurrentDictionary<string, byte> _discovered = new(StringComparer.Ordinal);

    public VirtualMachineMetrics(ManagerMetrics metrics)
    {
        _ipDiscovery = metrics.Meter.CreateHistogram(
            "virtrigaud_ip_discovery_duration_seconds",
            "s",
            "Time from a VM's creation to the first reconcile that saw its IPs.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ManagerMetrics.IpDiscoveryBuckets });
    }

    /// <summary>
    /// Records the discovery once per VM (by uid): upstream's "first transition from no IPs to IPs". A later power
    /// cycle is not a discovery. A manager restart forgets which VMs were recorded, but a VM whose status already
    /// lists IPs makes no transition, so only a VM that lost its IPs while the manager was down is counted twice.
    /// </summary>
    public void IpsDiscovered(string uid, string providerType, TimeSpan sinceCreation)
    {
        if (_discovered.TryAdd(uid, 0))
        {
            _ipDiscovery.Record(Math.Max(0, sinceCreation.TotalSeconds), new KeyValuePair<string, object?>("provider_type", providerType));
        }
    }

    /// <summary>Forgets a deleted VM.</summary>
    public void Forget(string uid) => _discovered.TryRemove(uid, out _);
}
