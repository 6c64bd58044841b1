namespace VirtRigaud.Client.Informers;

/// <summary>Settings shared by every informer of a <see cref="SharedInformerFactory"/>. Immutable.</summary>
public sealed record SharedInformerFactoryOptions
{
    /// <summary>The resync period of every informer (client-go's <c>defaultResync</c>); zero turns resyncs off.</summary>
    public TimeSpan DefaultResyncPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>Per-resource resync periods, keyed by group/resource (e.g. <c>virtualmachines.infra.virtrigaud.io</c>, <c>leases.coordination.k8s.io</c>).</summary>
    public IReadOnlyDictionary<string, TimeSpan>? CustomResyncPeriods { get; init; }

    /// <summary>
    /// The namespace informers watch when the caller names none (client-go's <c>WithNamespace</c>); null or empty
    /// watches all namespaces. Ignored for cluster-scoped resources.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// The template of every informer's reflector: selectors (client-go's <c>WithTweakListOptions</c>), WatchList,
    /// page size, back-off and clock. Its <see cref="ReflectorOptions.Name"/> and
    /// <see cref="ReflectorOptions.ResyncPeriod"/> are set per informer.
    /// </summary>
    public ReflectorOptions Reflector { get; init; } = new();
}
