using VirtRigaud.Controllers.Providers;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// What a runtime mode reports to the rest of a reconcile: where to reach the provider (null: not reachable yet, see
/// <see cref="NotReadyMessage"/>), the ProviderAvailable reason on success, and when to look again.
/// </summary>
internal sealed record RuntimeOutcome
{
    /// <summary>The provider's address and TLS material; null when the runtime is not up.</summary>
    public ProviderTarget? Target { get; init; }

    /// <summary>Why there is no target (the ProviderAvailable=False message).</summary>
    public string NotReadyMessage { get; init; } = "";

    /// <summary>The ProviderAvailable=True reason (RemoteAvailable, LocalAvailable, ExternalAvailable).</summary>
    public required string AvailableReason { get; init; }

    /// <summary>Look again after this long regardless of events; null: events and health checks decide.</summary>
    public TimeSpan? RequeueAfter { get; init; }

    /// <summary>The health check also decides ProviderRuntimeReady (External: reachable means ready).</summary>
    public bool ReadinessFromHealth { get; init; }
}
