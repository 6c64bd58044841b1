namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// Where the provider process is in its life, shared by the host, the health endpoints and implementations (a DI
/// singleton). Long-running streaming handlers (ConsoleStream) end their sessions when <see cref="Stopping"/> fires.
/// <list type="table">
/// <item><term>starting</term><description>not ready; gRPC health NOT_SERVING</description></item>
/// <item><term>ready</term><description>the implementation's Validate passed; SERVING, <c>/readyz</c> 200</description></item>
/// <item><term>not ready</term><description>a later Validate failed; NOT_SERVING, <c>/readyz</c> 503, until one passes again</description></item>
/// <item><term>shutting down</term><description>SIGTERM: NOT_SERVING for good, <see cref="Stopping"/> fired, in-flight calls drain</description></item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class ProviderLifecycle : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private bool _ready;
    private string _readinessMessage = "not checked yet";
    private DateTimeOffset? _lastCheck;
    private TimeSpan _lastCheckDuration;
    private int _shutdownBegun;

    /// <summary>Raised (on the thread that changed it) whenever <see cref="IsServing"/> may have changed.</summary>
    internal event Action? Changed;

    /// <summary>The last readiness check passed and shutdown has not begun.</summary>
    public bool IsServing
    {
        get
        {
            lock (_sync)
            {
                return _ready && Volatile.Read(ref _shutdownBegun) == 0;
            }
        }
    }

    /// <summary>Shutdown has begun.</summary>
    public bool IsShuttingDown => Volatile.Read(ref _shutdownBegun) != 0;

    /// <summary>Fires when shutdown begins (SIGTERM): end streaming sessions, stop starting work.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The result of the last readiness check: whether it passed, why not, when and how long it took.</summary>
    public (bool Ready, string Message, DateTimeOffset? CheckedAt, TimeSpan Duration) Readiness
    {
        get
        {
            lock (_sync)
            {
                return (_ready, _readinessMessage, _lastCheck, _lastCheckDuration);
            }
        }
    }

    /// <summary>Records a readiness check; returns whether readiness changed. Mutates the state.</summary>
    internal bool RecordReadiness(bool ready, string message, DateTimeOffset checkedAt, TimeSpan duration)
    {
        bool changed;
        lock (_sync)
        {
            changed = _ready != ready || _lastCheck is null;
            _ready = ready;
            _readinessMessage = message;
            _lastCheck = checkedAt;
            _lastCheckDuration = duration;
        }

        Changed?.Invoke();
        return changed;
    }

    /// <summary>Begins shutdown: not serving from now on, <see cref="Stopping"/> fires. Idempotent. Mutates the state.</summary>
    internal void BeginShutdown()
    {
        if (Interlocked.Exchange(ref _shutdownBegun, 1) != 0)
        {
            return;
        }

        // Health goes NOT_SERVING before the Stopping callbacks end streaming sessions.
        Changed?.Invoke();
        _stopping.Cancel();
    }

    public void Dispose() => _stopping.Dispose();
}
