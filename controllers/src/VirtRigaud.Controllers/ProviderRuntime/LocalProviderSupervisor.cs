using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The Local provider processes of one manager, one per Provider. The Provider reconciler calls <see cref="EnsureAsync"/>
/// with the launch spec it computed (starting, restarting on a changed spec, or just reading the state) and
/// <see cref="StopAsync"/> when the Provider goes away or leaves Local mode; <see cref="RunAsync"/> (a leader-only
/// runnable of the manager) stops every child when the manager stops or loses leadership. Each process's state
/// changes call <see cref="Changed"/> with the Provider's key.
/// </summary>
/// <remarks>
/// The CA is loaded (or created) on the first Local Provider, not at construction. Thread-safe; the reconciler never
/// works on one key from two workers at once, so per-key calls do not race each other.
/// </remarks>
public sealed class LocalProviderSupervisor : IAsyncDisposable
{
    private readonly LocalProviderOptions _options;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ObjectKey, LocalProviderProcess> _processes = new();
    private readonly Lock _gate = new();
    private readonly HttpClient _http = new();
    private LocalProcessLauncher? _launcher;
    private LocalCertificateAuthority? _ca;
    private ProviderTlsMaterial? _clientTls;
    private volatile bool _closed;

    /// <summary>Creates the supervisor; does no work.</summary>
    public LocalProviderSupervisor(LocalProviderOptions options, EventRecorder events, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options.Validate();
        _events = events;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<LocalProviderSupervisor>();
    }

    /// <summary>Called (on any thread) with a Provider's key whenever its process changes state.</summary>
    public Action<ObjectKey>? Changed { get; set; }

    /// <summary>The Providers with a process (running, starting or backing off).</summary>
    public IReadOnlyCollection<ObjectKey> Keys => [.. _processes.Keys];

    /// <summary>The state of a Provider's process, or null when it has none.</summary>
    public LocalProcessStatus? StatusOf(ObjectKey key) => _processes.TryGetValue(key, out var process) ? process.Status : null;

    /// <summary>
    /// Makes the Provider's process run from <paramref name="spec"/>: starts it when there is none, restarts it when
    /// the binary, environment or TLS changed, rewrites the credential files when only they changed, and returns the
    /// state. Returns a Stopped state once the supervisor is closing (the manager stops).
    /// </summary>
    /// <exception cref="IOException">The state directory or a file in it could not be written.</exception>
    internal async Task<LocalProcessStatus> EnsureAsync(LocalLaunchSpec spec)
    {
        if (_closed)
        {
            return new LocalProcessStatus { State = LocalProcessState.Stopped, Message = "the manager is stopping" };
        }

        var fingerprint = spec.RestartFingerprint();
        if (_processes.TryGetValue(spec.Key, out var existing))
        {
            if (existing.RestartFingerprint == fingerprint)
            {
                existing.Update(spec);
                return existing.Status;
            }

            ProviderRuntimeLog.ProcessSpecChanged(_logger, spec.Key.Namespace, spec.Key.Name);
            _processes.TryRemove(spec.Key, out _);
            await existing.StopAsync().ConfigureAwait(false);
        }

        var (launcher, ca, clientTls) = Prepare();
        var process = new LocalProviderProcess(spec, _options, launcher, ca, spec.Tls ? clientTls : null, _http, _events, _time, _logger, () => Changed?.Invoke(spec.Key));
        _processes[spec.Key] = process;
        process.Start();
        return process.Status;
    }

    /// <summary>Stops and forgets a Provider's process (deleted, or no longer Local). Idempotent.</summary>
    public async Task StopAsync(ObjectKey key)
    {
        if (_processes.TryRemove(key, out var process))
        {
            await process.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="cancellationToken"/> is cancelled, then stops every process (the manager's shutdown or lost leadership).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await StopAllAsync().ConfigureAwait(false);
    }

    /// <summary>Stops every process, in parallel, and refuses new ones. Idempotent.</summary>
    public async Task StopAllAsync()
    {
        _closed = true;
        var stopping = _processes.Keys.Select(StopAsync).ToList();
        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        _launcher?.Dispose();
        _ca?.Dispose();
        _http.Dispose();
    }

    private (LocalProcessLauncher Launcher, LocalCertificateAuthority Ca, ProviderTlsMaterial ClientTls) Prepare()
    {
        lock (_gate)
        {
            if (_launcher is null)
            {
                _launcher = new LocalProcessLauncher(_options.KillOnParentDeath);
                if (!_launcher.ParentDeathSignal)
                {
                    ProviderRuntimeLog.NoParentDeathSignal(_logger, LocalProcessLauncher.SetprivPath);
                }
            }

            EnsureClientIdentityLocked();
            return (_launcher, _ca!, _clientTls!);
        }
    }

    /// <summary>
    /// Creates (or loads) the loopback CA in <c>&lt;state&gt;/ca/</c> and the manager's client identity in
    /// <c>&lt;state&gt;/client/</c> (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>; kept across restarts), which an API
    /// server can use to reach Local providers (<c>--provider-client-tls-dir</c>). Idempotent; writes files.
    /// </summary>
    /// <exception cref="IOException">The state directory cannot be written.</exception>
    public void EnsureClientIdentity()
    {
        lock (_gate)
        {
            EnsureClientIdentityLocked();
        }
    }

    private void EnsureClientIdentityLocked()
    {
        if (_ca is not null)
        {
            return;
        }

        var ca = LocalCertificateAuthority.LoadOrCreate(Path.Combine(_options.StateDirectory, "ca"), _time);
        var (certificate, key) = ca.LoadOrIssueClient(Path.Combine(_options.StateDirectory, "client"));
        _clientTls = new ProviderTlsMaterial
        {
            CertificatePem = certificate,
            KeyPem = key,
            CaPem = ca.CaPem,
            ServerName = LocalCertificateAuthority.ServerName,
        };
        _ca = ca;
    }
}
