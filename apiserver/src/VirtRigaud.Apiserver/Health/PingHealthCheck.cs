namespace VirtRigaud.Apiserver.Health;

/// <summary><c>ping</c>: always healthy; proves the server answers HTTP.</summary>
internal sealed class PingHealthCheck : IHealthCheck
{
    public string Name => "ping";

    public HealthProbes Probes => HealthProbes.All;

    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
