namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// A host lifetime that leaves process signals alone. The default console lifetime would stop the host on SIGTERM by
/// itself, skipping the shutdown order of <see cref="ApiServer.StopAsync"/> (not ready first, then drain), and in a
/// test process it would take over the test runner's signals. <c>Program</c> handles the signals instead.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
