using VirtRigaud.Apiserver.Hosting;

namespace VirtRigaud.Apiserver.Health;

/// <summary>
/// <c>shutdown</c> (readyz only): fails once the host began shutting down (<see cref="ServerLifecycle.BeginShutdown"/>),
/// so that endpoints and load balancers stop sending traffic while requests in flight are still served.
/// </summary>
internal sealed class ShutdownHealthCheck(ServerLifecycle lifecycle) : IHealthCheck
{
    public string Name => "shutdown";

    public HealthProbes Probes => HealthProbes.Readyz;

    public Task CheckAsync(CancellationToken cancellationToken) =>
        lifecycle.IsShuttingDown ? Task.FromException(new InvalidOperationException("process is shutting down")) : Task.CompletedTask;
}
