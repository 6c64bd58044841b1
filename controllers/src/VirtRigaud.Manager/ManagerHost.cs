using System.Reflection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Client;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Manager;

/// <summary>
/// The controller manager as a library: <see cref="StartAsync"/> connects to the API server, discovers which
/// Kubernetes APIs it serves, registers every controller, serves <c>/healthz</c> <c>/readyz</c> <c>/metrics</c> and
/// runs the controllers (when leading) until <see cref="StopAsync"/>; <see cref="RunAsync"/> does all of it until a
/// token is cancelled and returns the exit code. <c>virtrigaud-manager</c> is this plus a command line; an all-in-one
/// host can run it in the same process as the API server.
/// </summary>
/// <remarks>
/// Shutdown order: the manager stops taking keys and drains in-flight reconciles (<see cref="ManagerOptions.ShutdownTimeout"/>),
/// Local provider processes get SIGTERM (SIGKILL after their grace period), the lease is released, the HTTP endpoints
/// and provider connections close. Thread-safe.
/// </remarks>
public sealed class ManagerHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ManagerHttpServer _http;
    private readonly LocalProviderSupervisor _supervisor;
    private readonly VirtRigaudClient? _ownedClient;
    private readonly string? _temporaryStateDirectory;
    private readonly ILogger _logger;
    private int _disposed;

    private ManagerHost(ControllerManager manager, ProviderConnectionPool pool, ManagerHttpServer http, LocalProviderSupervisor supervisor, VirtRigaudClient? ownedClient, string? temporaryStateDirectory, ILogger logger)
    {
        Manager = manager;
        Pool = pool;
        _http = http;
        _supervisor = supervisor;
        _ownedClient = ownedClient;
        _temporaryStateDirectory = temporaryStateDirectory;
        _logger = logger;
        Completion = Task.FromResult(ManagerExitCodes.Success);
    }

    /// <summary>The controller manager (informers, controllers, metrics).</summary>
    public ControllerManager Manager { get; }

    /// <summary>The provider connections every controller shares.</summary>
    public ProviderConnectionPool Pool { get; }

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served.</summary>
    public Uri HealthAddress => _http.HealthAddress;

    /// <summary>Where <c>/metrics</c> is served; null when off.</summary>
    public Uri? MetricsAddress => _http.MetricsAddress;

    /// <summary>The Local providers' supervisor.</summary>
    public LocalProviderSupervisor LocalProviders => _supervisor;

    /// <summary>Completes with the exit code when the manager has stopped (<see cref="ManagerExitCodes"/>).</summary>
    public Task<int> Completion { get; private set; }

    /// <summary>The manager's version (the assembly's informational version without the commit).</summary>
    public static string Version
    {
        get
        {
            var version = typeof(ManagerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    /// <summary>
    /// Starts the manager. <paramref name="client"/> (not disposed) replaces the one built from
    /// <see cref="ManagerOptions.Kubeconfig"/>; <paramref name="loggerFactory"/> (not disposed) receives every log.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or <c>--workers</c> names an unknown controller.</exception>
    /// <exception cref="Client.Rest.KubernetesApiException">The API server answered discovery with an error.</exception>
    /// <exception cref="HttpRequestException">The API server cannot be reached.</exception>
    /// <exception cref="KubeconfigException">No usable kubeconfig.</exception>
    /// <exception cref="IOException">A port is taken or the state directory cannot be created.</exception>
    public static async Task<ManagerHost> StartAsync(ManagerOptions options, ILoggerFactory loggerFactory, VirtRigaudClient? client = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var logger = loggerFactory.CreateLogger<ManagerHost>();
        VirtRigaudClient? owned = null;
        if (client is null)
        {
            var configuration = options.Kubeconfig is { Length: > 0 } path
                ? KubernetesClientConfiguration.LoadKubeconfig(path)
                : KubernetesClientConfiguration.LoadDefault();
            owned = client = new VirtRigaudClient(configuration with { Qps = options.KubeApiQps, Burst = options.KubeApiBurst }, loggerFactory);
        }

        string? temporary = null;
        ControllerManager? manager = null;
        ProviderConnectionPool? pool = null;
        LocalProviderSupervisor? supervisor = null;
        try
        {
            ManagerLog.Starting(logger, Version, client.Rest.Configuration.Server.ToString(), string.IsNullOrEmpty(options.Namespace) ? "(all)" : options.Namespace, options.LeaderElect);
            var apis = await ClusterApis.DiscoverAsync(client, cancellationToken).ConfigureAwait(false);
            ManagerLog.ClusterApis(logger, apis.Deployments, apis.Services, apis.PersistentVolumeClaims, apis.SupportsRemote ? "supported" : "not supported: use Local or External");
            ManagerLog.EnforceCapabilities(logger, options.EnforceProviderCapabilities);

            var stateDirectory = options.LocalProviderStateDirectory;
            if (string.IsNullOrEmpty(stateDirectory))
            {
                stateDirectory = temporary = Directory.CreateTempSubdirectory("virtrigaud-manager-").FullName;
            }

            var binaryDirectory = string.IsNullOrEmpty(options.ProviderBinaryDirectory)
                ? AppContext.BaseDirectory
                : string.Join(Path.PathSeparator, LocalProviderBinaries.Directories(options.ProviderBinaryDirectory).Select(Path.GetFullPath));
            var metrics = new ManagerMetrics(Version);
            manager = new ControllerManager(client, new ControllerManagerOptions
            {
                Namespace = string.IsNullOrEmpty(options.Namespace) ? null : options.Namespace,
                Workers = options.Workers,
                ResyncPeriod = options.ResyncPeriod,
                ShutdownTimeout = options.ShutdownTimeout,
                LeaderElection = options.LeaderElect ? LeaderElection(options, client) : null,
            }, loggerFactory, TimeProvider.System, metrics);
            pool = new ProviderConnectionPool(
                new ProviderRpcMetrics(metrics),
                new CircuitBreakerOptions { ResetTimeout = options.CircuitBreakerResetTimeout },
                loggerFactory: loggerFactory);
            supervisor = ManagerComposition.Register(manager, pool, new ProviderControllerOptions
            {
                Apis = apis,
                Local = new LocalProviderOptions { BinaryDirectory = binaryDirectory, StateDirectory = Path.GetFullPath(stateDirectory) },
            });

            // The loopback CA and the manager's client identity exist before any Local provider, so an API server
            // given <state>/client can use them from the start.
            supervisor.EnsureClientIdentity();

            var unknown = options.Workers.Keys.Except(manager.Controllers.Select(c => c.Name), StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"--workers names no controller: {string.Join(", ", unknown)} (controllers: {string.Join(", ", manager.Controllers.Select(c => c.Name))})", nameof(options));
            }

            var http = await ManagerHttpServer.StartAsync(manager, new ManagerHttpServerOptions
            {
                HealthProbeEndpoint = options.HealthProbeEndpoint,
                MetricsEndpoint = options.MetricsEndpoint,
            }, cancellationToken).ConfigureAwait(false);
            ManagerLog.Serving(logger, http.HealthAddress.ToString(), http.MetricsAddress?.ToString() ?? "(off)", binaryDirectory, stateDirectory);

            var host = new ManagerHost(manager, pool, http, supervisor, owned, temporary, logger);
            host.Completion = host.RunCoreAsync();
            return host;
        }
        catch
        {
            if (supervisor is not null)
            {
                await supervisor.DisposeAsync().ConfigureAwait(false);
            }

            pool?.Dispose();
            if (manager is not null)
            {
                await manager.DisposeAsync().ConfigureAwait(false);
            }

            owned?.Dispose();
            DeleteTemporary(temporary);
            throw;
        }
    }

    /// <summary>Starts the manager, runs it until <paramref name="cancellationToken"/> is cancelled, stops it, and returns the exit code.</summary>
    public static async Task<int> RunAsync(ManagerOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger<ManagerHost>();
        ManagerHost host;
        try
        {
            host = await StartAsync(options, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            ManagerLog.Failed(logger, null, e.Message);
            return ManagerExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ManagerExitCodes.Success;
        }
        catch (Exception e) when (e is HttpRequestException or Client.Rest.KubernetesApiException or KubeconfigException or IOException or TimeoutException or UnauthorizedAccessException)
        {
            ManagerLog.Failed(logger, e, "could not start: " + e.Message);
            return ManagerExitCodes.Failure;
        }

        await using (host.ConfigureAwait(false))
        {
            using var registration = cancellationToken.Register(() => _ = host.StopAsync());
            return await host.Completion.ConfigureAwait(false);
        }
    }

    /// <summary>Stops the manager (as SIGTERM does) and waits until it has stopped; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            ManagerLog.ShuttingDown(_logger);
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        return await Completion.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        await _http.DisposeAsync().ConfigureAwait(false);
        await _supervisor.DisposeAsync().ConfigureAwait(false);
        Pool.Dispose();
        await Manager.DisposeAsync().ConfigureAwait(false);
        _ownedClient?.Dispose();
        DeleteTemporary(_temporaryStateDirectory);
        _stop.Dispose();
    }

    private async Task<int> RunCoreAsync()
    {
        int code;
        try
        {
            await Task.Run(() => Manager.RunAsync(_stop.Token)).ConfigureAwait(false);
            if (_stop.IsCancellationRequested)
            {
                code = ManagerExitCodes.Success;
            }
            else
            {
                // RunAsync ends by itself only when a controller crashed (it cancels the rest, as controller-runtime does).
                ManagerLog.Failed(_logger, null, "a controller stopped with an error (see above)");
                code = ManagerExitCodes.Failure;
            }
        }
        catch (LeadershipLostException e)
        {
            ManagerLog.Failed(_logger, e, e.Message);
            code = ManagerExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ManagerLog.Failed(_logger, e, e.Message);
            code = ManagerExitCodes.Failure;
        }

        // Whatever ended the run, no Local provider may outlive it.
        await _supervisor.StopAllAsync().ConfigureAwait(false);
        if (code == ManagerExitCodes.Success)
        {
            ManagerLog.Stopped(_logger);
        }

        return code;
    }

    private static LeaderElectionSettings LeaderElection(ManagerOptions options, VirtRigaudClient client) => new()
    {
        Namespace = options.LeaderElectionNamespace is { Length: > 0 } explicitNamespace
            ? explicitNamespace
            : Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } podNamespace
                ? podNamespace
                : InClusterConfiguration.IsInCluster() ? client.DefaultNamespace : ManagerOptions.DefaultLeaderElectionNamespace,
        LeaseName = options.LeaderElectionId,
        Identity = $"{Environment.MachineName}_{Guid.NewGuid():D}",
        LeaseDuration = options.LeaseDuration,
        RenewDeadline = options.RenewDeadline,
        RetryPeriod = options.RetryPeriod,
    };

    private static void DeleteTemporary(string? directory)
    {
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
