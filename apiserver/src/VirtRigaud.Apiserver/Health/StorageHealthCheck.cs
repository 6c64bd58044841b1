using Microsoft.Extensions.Options;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Health;

/// <summary>
/// <c>storage</c> (healthz and readyz, not livez: restarting the server does not repair its store): the store answers
/// a current-revision read within <see cref="HealthOptions.StorageTimeout"/>.
/// </summary>
internal sealed class StorageHealthCheck(IStorage storage, IOptions<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    public string Name => "storage";

    public HealthProbes Probes => HealthProbes.Healthz | HealthProbes.Readyz;

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.StorageTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await storage.GetCurrentRevisionAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"storage did not answer within {options.Value.StorageTimeout}");
        }
    }
}
