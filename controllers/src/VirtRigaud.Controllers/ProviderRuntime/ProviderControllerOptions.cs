namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>Settings of the Provider controller. Immutable; checked by <see cref="Validate"/> when the controller is registered.</summary>
public sealed record ProviderControllerOptions
{
    /// <summary>Upstream's Provider workers (MaxConcurrentReconciles 5).</summary>
    public const int DefaultWorkers = 5;

    /// <summary>Which Kubernetes APIs the server serves (<see cref="ClusterApis.DiscoverAsync"/>); decides Remote mode and the watches.</summary>
    public required ClusterApis Apis { get; init; }

    /// <summary>Local mode: where provider binaries are and where the manager keeps its CA and per-provider directories.</summary>
    public required LocalProviderOptions Local { get; init; }

    /// <summary>How soon a Remote Provider whose Deployment has no ready replica is looked at again (upstream: 30 s); Deployment events also wake it.</summary>
    public TimeSpan NotReadyRequeue { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How soon a Provider is looked at again after an error writing its Deployment or Service, or a missing binary (upstream: 1 m).</summary>
    public TimeSpan ErrorRequeue { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The health-check interval when <c>spec.healthCheck.interval</c> is unset (the CRD default).</summary>
    public TimeSpan DefaultHealthCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Validate deadline when <c>spec.healthCheck.timeout</c> is unset (the CRD default).</summary>
    public TimeSpan DefaultHealthCheckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a status write is retried on a conflict (upstream's RetryOnConflict).</summary>
    public int StatusWriteAttempts { get; init; } = 5;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration is not positive or the attempts are below 1.</exception>
    public ProviderControllerOptions Validate()
    {
        Positive(NotReadyRequeue, nameof(NotReadyRequeue));
        Positive(ErrorRequeue, nameof(ErrorRequeue));
        Positive(DefaultHealthCheckInterval, nameof(DefaultHealthCheckInterval));
        Positive(DefaultHealthCheckTimeout, nameof(DefaultHealthCheckTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(StatusWriteAttempts, 1, nameof(StatusWriteAttempts));
        Local.Validate();
        return this;
    }

    internal static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
        }
    }
}
