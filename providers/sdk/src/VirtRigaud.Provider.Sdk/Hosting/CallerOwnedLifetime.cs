using Microsoft.Extensions.Hosting;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// A host lifetime that leaves process signals alone: <see cref="ProviderHost"/> handles SIGTERM and SIGINT itself to
/// drain in order, and in-process test hosts must not hijack the test runner's signals.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
