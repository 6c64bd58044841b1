using Microsoft.Extensions.Hosting;

namespace VirtRigaud.Grpc.Interop;

/// <summary>
/// A host lifetime that leaves process signals alone. The default console lifetime would install SIGINT/SIGTERM
/// handlers of its own: in a test host they would hijack the runner's signals, and on the command line they compete
/// with System.CommandLine's handler, which already turns Ctrl+C into the cancellation the server waits for.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
