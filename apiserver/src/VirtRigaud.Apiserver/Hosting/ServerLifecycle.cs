namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// The server's readiness and shutdown state, shared by the host and the endpoints (a singleton):
/// <list type="table">
/// <item><term>starting</term><description><see cref="IsReady"/> false until storage is open and Kestrel listens.</description></item>
/// <item><term>ready</term><description><see cref="IsReady"/> true.</description></item>
/// <item><term>shutting down</term><description><see cref="IsReady"/> false again (<c>/readyz</c> fails) while requests are still served for the shutdown delay.</description></item>
/// <item><term>draining</term><description><see cref="WatchesEnding"/> fires: watch requests end, others finish within the grace period.</description></item>
/// </list>
/// </summary>
public sealed class ServerLifecycle : IDisposable
{
    private readonly CancellationTokenSource _watchesEnding = new();
    private volatile int _state;

    /// <summary>True between start-up and the beginning of shutdown: what <c>/readyz</c> reports.</summary>
    public bool IsReady => _state == 1;

    /// <summary>True once shutdown has begun.</summary>
    public bool IsShuttingDown => _state == 2;

    /// <summary>
    /// True once the server drains (<see cref="WatchesEnding"/> fired): long-running requests (watches, console
    /// sessions) arriving now are answered 503 with <c>Retry-After: 1</c>, as kube-apiserver answers them while it shuts
    /// down, so clients retry, usually on another replica.
    /// </summary>
    public bool IsDraining => _watchesEnding.IsCancellationRequested;

    /// <summary>
    /// Fires when the server drains. The hosting pipeline links it into <c>HttpContext.RequestAborted</c> of every
    /// watch request, so a watch ends the way it does when its client goes away.
    /// </summary>
    public CancellationToken WatchesEnding => _watchesEnding.Token;

    /// <summary>Marks the server ready (mutates the state).</summary>
    public void MarkReady() => Interlocked.CompareExchange(ref _state, 1, 0);

    /// <summary>Marks the server as shutting down: not ready any more (mutates the state).</summary>
    public void BeginShutdown() => _state = 2;

    /// <summary>Ends every watch (mutates the state).</summary>
    public void EndWatches() => _watchesEnding.Cancel();

    public void Dispose() => _watchesEnding.Dispose();
}
