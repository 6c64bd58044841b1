using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Contract;

namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// One connection per Provider (namespace/name), shared by every controller. The Provider controller calls
/// <see cref="CheckAsync"/> on each reconcile (the channel is rebuilt only when the endpoint or TLS material changed,
/// and Validate runs every time: it is the provider's health check) and then <see cref="MarkAvailable"/> or
/// <see cref="MarkUnavailable"/> per its health-check thresholds; <see cref="ConnectAsync(ProviderTarget, CancellationToken)"/>
/// does both in one step. Other controllers call <see cref="Get"/>, which only hands out available connections.
/// </summary>
/// <remarks>
/// TLS is TLS 1.3 with the Provider's CA as the only root, the manager's client certificate, and the SNI/name of
/// <see cref="ProviderTlsMaterial.ServerName"/>. A Provider's <see cref="CircuitBreaker"/> survives channel rebuilds
/// (an endpoint change does not reset an open circuit). Thread-safe.
/// </remarks>
public sealed class ProviderConnectionPool : IDisposable
{
    private readonly ProviderRpcMetrics _metrics;
    private readonly CircuitBreakerOptions _breakerOptions;
    private readonly ProviderClientOptions _clientOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), Entry> _entries = [];

    /// <summary>Creates an empty pool.</summary>
    public ProviderConnectionPool(ProviderRpcMetrics metrics, CircuitBreakerOptions? breakerOptions = null, ProviderClientOptions? clientOptions = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _metrics = metrics;
        _breakerOptions = breakerOptions ?? new CircuitBreakerOptions();
        _breakerOptions.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _clientOptions = clientOptions ?? new ProviderClientOptions { TimeProvider = _time };
        _clientOptions.Validate();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ProviderConnectionPool>();
    }

    /// <summary>
    /// Returns the connection to <paramref name="target"/> (reused, or rebuilt when the target changed) after a
    /// successful Validate; marks it usable for <see cref="Get"/>.
    /// </summary>
    /// <exception cref="RpcException">Validate failed (including UNAVAILABLE "circuit breaker open"); the connection is marked unusable.</exception>
    /// <exception cref="ProviderUnavailableException">Validate answered not-ok; the connection is marked unusable.</exception>
    public Task<ProviderConnection> ConnectAsync(ProviderTarget target, CancellationToken cancellationToken) => ConnectAsync(target, null, cancellationToken);

    /// <summary>
    /// <see cref="ConnectAsync(ProviderTarget, CancellationToken)"/> with Validate's deadline set to
    /// <paramref name="validateTimeout"/> (the Provider's <c>spec.healthCheck.timeout</c>; null: the contract's 30 s).
    /// </summary>
    /// <exception cref="RpcException">Validate failed (including UNAVAILABLE "circuit breaker open"); the connection is marked unusable.</exception>
    /// <exception cref="ProviderUnavailableException">Validate answered not-ok; the connection is marked unusable.</exception>
    public async Task<ProviderConnection> ConnectAsync(ProviderTarget target, TimeSpan? validateTimeout, CancellationToken cancellationToken)
    {
        var entry = Prepare(target);
        try
        {
            await ValidateAsync(entry, target, validateTimeout, cancellationToken).ConfigureAwait(false);
            entry.Ready = true;
            return entry.Connection;
        }
        catch
        {
            entry.Ready = false;
            throw;
        }
    }

    /// <summary>
    /// Validates <paramref name="target"/> (reusing or rebuilding its connection) without changing whether
    /// <see cref="Get"/> hands it out: the Provider controller decides that with <see cref="MarkAvailable"/> and
    /// <see cref="MarkUnavailable"/> after its health-check thresholds.
    /// </summary>
    /// <exception cref="RpcException">Validate failed (including UNAVAILABLE "circuit breaker open").</exception>
    /// <exception cref="ProviderUnavailableException">Validate answered not-ok.</exception>
    public async Task<ProviderConnection> CheckAsync(ProviderTarget target, TimeSpan? validateTimeout, CancellationToken cancellationToken)
    {
        var entry = Prepare(target);
        await ValidateAsync(entry, target, validateTimeout, cancellationToken).ConfigureAwait(false);
        return entry.Connection;
    }

    /// <summary>Lets <see cref="Get"/> hand out a Provider's current connection (its health checks pass).</summary>
    public void MarkAvailable(string @namespace, string name)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((@namespace, name), out var entry))
            {
                entry.Ready = true;
            }
        }
    }

    private static async Task ValidateAsync(Entry entry, ProviderTarget target, TimeSpan? validateTimeout, CancellationToken cancellationToken)
    {
        var validation = await entry.Connection.ValidateAsync(validateTimeout, cancellationToken).ConfigureAwait(false);
        if (!validation.Ok)
        {
            throw new ProviderUnavailableException($"provider {target.Namespace}/{target.Name} failed validation: {validation.Message}")
            {
                ValidationMessage = validation.Message,
            };
        }
    }

    /// <summary>The validated connection of a Provider, or null when it has none (not running, not validated, or failing).</summary>
    public ProviderConnection? Get(string @namespace, string name)
    {
        lock (_gate)
        {
            return _entries.TryGetValue((@namespace, name), out var entry) && entry.Ready ? entry.Connection : null;
        }
    }

    /// <summary>The validated connection of a Provider.</summary>
    /// <exception cref="ProviderUnavailableException">The Provider has none.</exception>
    public ProviderConnection GetRequired(string @namespace, string name) =>
        Get(@namespace, name) ?? throw new ProviderUnavailableException($"provider {@namespace}/{name} is not connected: its runtime is not running or its last validation failed");

    /// <summary>Marks a Provider's connection unusable without closing it (its runtime stopped or is restarting).</summary>
    public void MarkUnavailable(string @namespace, string name)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((@namespace, name), out var entry))
            {
                entry.Ready = false;
            }
        }
    }

    /// <summary>Closes and forgets a Provider's connection and breaker (the Provider was deleted).</summary>
    public void Remove(string @namespace, string name)
    {
        Entry? removed;
        lock (_gate)
        {
            _entries.Remove((@namespace, name), out removed);
        }

        if (removed is not null)
        {
            removed.Connection.Dispose();
            _metrics.ForgetBreaker(removed.Connection.Target.ProviderType, @namespace, name);
        }
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Connection.Dispose();
            }

            _entries.Clear();
        }
    }

    private Entry Prepare(ProviderTarget target)
    {
        var key = (target.Namespace, target.Name);
        var fingerprint = target.Fingerprint();
        ProviderConnection? retired = null;
        Entry entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.Fingerprint == fingerprint)
            {
                return existing;
            }

            var breaker = existing?.Connection.Breaker ?? NewBreaker(target);
            retired = existing?.Connection;
            var channel = GrpcChannel.ForAddress(target.Address, new GrpcChannelOptions { SslOptions = ClientTls(target.Tls), TimeProvider = _time });
            entry = new Entry(new ProviderConnection(target, channel, breaker, _metrics, _clientOptions, _time), fingerprint);
            _entries[key] = entry;
        }

        ProvidersLog.Connecting(_logger, target.Namespace, target.Name, target.Endpoint, target.Tls is null ? "plaintext" : "mTLS");
        retired?.Dispose();
        return entry;
    }

    private CircuitBreaker NewBreaker(ProviderTarget target)
    {
        var breaker = new CircuitBreaker(target.BreakerName, _breakerOptions, _time);
        _metrics.SetBreakerState(target.ProviderType, target.Namespace, target.Name, CircuitState.Closed);
        breaker.StateChanged += state =>
        {
            _metrics.SetBreakerState(target.ProviderType, target.Namespace, target.Name, state);
            ProvidersLog.BreakerStateChanged(_logger, target.Namespace, target.Name, state);
        };
        breaker.FailureCounted += () => _metrics.RecordBreakerFailure(target.ProviderType, target.Name);
        return breaker;
    }

    private System.Net.Security.SslClientAuthenticationOptions? ClientTls(ProviderTlsMaterial? tls)
    {
        if (tls is null)
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(tls.CaPem);
        var client = X509Certificate2.CreateFromPem(tls.CertificatePem, tls.KeyPem);
        var options = GrpcTls.ClientOptions(null, authorities, tls.ServerName, _logger);
        options.ClientCertificateContext = System.Net.Security.SslStreamCertificateContext.Create(client, null);
        if (tls.InsecureSkipVerify)
        {
            // The Provider asked for it (runtime.service.tls.insecureSkipVerify); the warning is logged at every connect.
            ProvidersLog.InsecureSkipVerify(_logger, tls.ServerName);
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        return options;
    }

    private sealed class Entry(ProviderConnection connection, string fingerprint)
    {
        public ProviderConnection Connection { get; } = connection;

        public string Fingerprint { get; } = fingerprint;

        public volatile bool Ready;
    }
}
