using VirtRigaud.Apiserver.Watch;

namespace VirtRigaud.Apiserver.Http;

/// <summary>Settings of the resource endpoints and the registry behind them. Immutable; the host passes them in.</summary>
public sealed record ResourceApiOptions
{
    /// <summary>The largest request body accepted (kube-apiserver's 3 MiB); larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>
    /// A watch without <c>timeoutSeconds</c> ends after this times a random factor in [1, 2), as kube-apiserver's
    /// <c>--min-request-timeout</c> (1800 s) does, so that clients re-watch and load spreads over replicas.
    /// </summary>
    public TimeSpan MinRequestTimeout { get; init; } = TimeSpan.FromSeconds(1800);

    /// <summary>The longest a non-watch request may take; <c>?timeout=</c> may only shorten it (kube-apiserver's 60 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Run the built-in garbage collector for owner references among this server's own objects (standalone mode).
    /// Inside a cluster kube-controller-manager's garbage collector does this through the aggregation layer, so the
    /// host turns it off there.
    /// </summary>
    public bool StandaloneGarbageCollector { get; init; } = true;

    /// <summary>
    /// Serve the built-in resources a standalone server has no kube-apiserver for: core v1 secrets, configmaps, events
    /// and namespaces, coordination.k8s.io/v1 leases and events.k8s.io/v1 events (<see cref="Registry.ApiCatalog.Standalone"/>).
    /// Inside a cluster kube-apiserver serves them, so the host turns this off there.
    /// </summary>
    public bool StandaloneCoreApi { get; init; } = true;

    /// <summary>
    /// With <see cref="StandaloneCoreApi"/>: events not written for this long are deleted (kube-apiserver's
    /// <c>--event-ttl</c>, one hour by default).
    /// </summary>
    public TimeSpan EventTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often expired events are looked for (a minute: expiry is at most this late).</summary>
    public TimeSpan EventTtlSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the standalone garbage collector re-checks every object even without a change (its resync).</summary>
    public TimeSpan GarbageCollectorResync { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The settings of every resource's watch cache.</summary>
    public WatchCacheOptions WatchCache { get; init; } = new();
}
