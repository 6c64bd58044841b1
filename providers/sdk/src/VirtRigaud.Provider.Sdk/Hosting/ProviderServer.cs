using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Health;
using VirtRigaud.Provider.Sdk.Idempotency;
using VirtRigaud.Provider.Sdk.Logging;
using VirtRigaud.Provider.Sdk.Metrics;
using VirtRigaud.Provider.Sdk.Security;
using VirtRigaud.Provider.Sdk.Tasks;
using ServingStatus = VirtRigaud.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// A running provider: the implementation (a <see cref="ProviderServiceBase"/> registered in DI) served over gRPC with
/// the SDK's posture, plus the health port. <see cref="ProviderHost"/> runs one per process; tests start them
/// in-process on free ports.
/// </summary>
/// <remarks>
/// <para>Start: validate options → resolve the TLS posture (refuse when material is missing or partial) → load the
/// certificate → build the gRPC and health hosts → listen → check readiness (Validate) in the background.</para>
/// <para>Stop (SIGTERM), within <see cref="ProviderRuntimeOptions.ShutdownGracePeriod"/>:
/// <code>
/// 1. health NOT_SERVING ("" and "provider"), /readyz 503, ProviderLifecycle.Stopping fires
/// 2. the gRPC port stops accepting connections and sends GOAWAY (as grpc-go's GracefulStop)
/// 3. wait for in-flight unary calls and running tasks (new tasks are refused with UNAVAILABLE)
/// 4. end streaming calls still open (WatchTask, ConsoleStream, health Watch)
/// 5. grace over: remaining connections are aborted and remaining tasks cancelled
/// 6. the health port closes
/// </code>
/// In-flight calls are not cancelled by the shutdown before step 5.</para>
/// <para>Interceptors, outermost first: metrics → drain tracking → call logging → mutual-TLS authorization (TLS
/// only) → error mapping → the implementation.</para>
/// </remarks>
public sealed class ProviderServer : IAsyncDisposable
{
    /// <summary>The gRPC health service name upstream's SDK registers.</summary>
    public const string HealthServiceName = "provider";

    // HTTP/2 streams per connection: the manager multiplexes every call to a provider over one connection (grpc-go
    // servers allow unlimited streams by default), so Kestrel's default of 100 would queue calls.
    private const int MaxStreamsPerConnection = 1000;

    private readonly WebApplication _grpcApp;
    private readonly WebApplication _healthApp;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ProviderLifecycle _lifecycle;
    private readonly CallTracker _tracker;
    private readonly TaskRegistry _tasks;
    private readonly IdempotencyRegistry _idempotency;
    private readonly PrometheusTextExporter _exporter;
    private readonly CertificateReloader? _reloader;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _readinessStop = new();
    private readonly Lock _stopSync = new();
    private Task _readiness = Task.CompletedTask;
    private Task? _stopping;
    private bool _disposed;

    private ProviderServer(
        WebApplication grpcApp,
        WebApplication healthApp,
        ProviderRuntimeOptions options,
        ProviderTransportSecurity security,
        ILoggerFactory loggerFactory,
        CallTracker tracker,
        PrometheusTextExporter exporter,
        CertificateReloader? reloader,
        TimeProvider time)
    {
        _grpcApp = grpcApp;
        _healthApp = healthApp;
        Options = options;
        Security = security;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("VirtRigaud.Provider.Sdk.Hosting");
        _tracker = tracker;
        _exporter = exporter;
        _reloader = reloader;
        _time = time;
        _lifecycle = grpcApp.Services.GetRequiredService<ProviderLifecycle>();
        _tasks = grpcApp.Services.GetRequiredService<TaskRegistry>();
        _idempotency = grpcApp.Services.GetRequiredService<IdempotencyRegistry>();
    }

    /// <summary>The options the provider runs with.</summary>
    public ProviderRuntimeOptions Options { get; }

    /// <summary>How the gRPC port is served.</summary>
    public ProviderTransportSecurity Security { get; }

    /// <summary>Where a client on this machine reaches the gRPC port (<c>https://</c> with mutual TLS, <c>http://</c> for h2c), with the actual port.</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    /// <summary>Where a client on this machine reaches the health port (<c>http://</c>), with the actual port.</summary>
    public Uri HealthAddress { get; private set; } = null!;

    /// <summary>The gRPC port (the chosen one when <see cref="ProviderRuntimeOptions.Port"/> was 0).</summary>
    public int Port => GrpcAddress.Port;

    /// <summary>The health port (the chosen one when <see cref="ProviderRuntimeOptions.HealthPort"/> was 0).</summary>
    public int HealthPort => HealthAddress.Port;

    /// <summary>
    /// The serving certificate's source with mutual TLS (<c>null</c> in plaintext): it reloads <c>tls.crt</c>,
    /// <c>tls.key</c> and <c>ca.crt</c> when they change; <see cref="CertificateReloader.TryReload"/> checks now.
    /// </summary>
    public CertificateReloader? TlsCertificate => _reloader;

    /// <summary>The provider's services: the implementation, the registries, the lifecycle.</summary>
    public IServiceProvider Services => _grpcApp.Services;

    /// <summary>Starts a provider; returns once both ports listen (readiness is then checked in the background).</summary>
    /// <param name="options">The configuration, validated first.</param>
    /// <param name="configureServices">Registers the implementation (<c>services.AddSingleton&lt;ProviderServiceBase, MyProvider&gt;()</c>) and what it needs.</param>
    /// <param name="start">Environment, log output and clock (defaults: this process's).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ProviderStartupException">
    /// Invalid options (<see cref="ProviderExitCodes.Usage"/>); TLS material missing, partial or unloadable
    /// (<see cref="ProviderExitCodes.TlsRefused"/>); no implementation registered, or a port cannot be bound
    /// (<see cref="ProviderExitCodes.Failure"/>).
    /// </exception>
    public static async Task<ProviderServer> StartAsync(
        ProviderRuntimeOptions options,
        Action<IServiceCollection> configureServices,
        ProviderStartOptions? start = null,
        CancellationToken cancellationToken = default)
    {
        start ??= new ProviderStartOptions();
        var validation = new ProviderRuntimeOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ProviderStartupException("invalid configuration: " + validation.FailureMessage, ProviderExitCodes.Usage);
        }

        var tls = ProviderTls.Resolve(options.TlsDirectory, options.InsecureOptIn);
        if (tls.Error is not null)
        {
            throw new ProviderStartupException(tls.Error, ProviderExitCodes.TlsRefused);
        }

        var time = start.TimeProvider ?? TimeProvider.System;
        var redactor = new SecretRedactor();
        var loggerFactory = ProviderLogging.Create(options.LogLevel, options.LogFormat, redactor, time, start.LogOutput ?? Console.Out, start.ConfigureLogging);
        var logger = loggerFactory.CreateLogger("VirtRigaud.Provider.Sdk.Hosting");
        CertificateReloader? reloader = null;
        WebApplication? grpcApp = null;
        WebApplication? healthApp = null;
        PrometheusTextExporter? exporter = null;
        try
        {
            if (tls.Security == ProviderTransportSecurity.MutualTls)
            {
                reloader = LoadCertificate(options, loggerFactory, time);
            }
            else
            {
                ProviderSdkLog.InsecureMode(logger, options.TlsDirectory);
            }

            if (options.TlsEnabled is { } tlsEnabled && tlsEnabled != (tls.Security == ProviderTransportSecurity.MutualTls))
            {
                ProviderSdkLog.TlsEnabledMismatch(logger, tlsEnabled, tls.Security.ToString());
            }

            var environment = start.Environment ?? ProviderEnvironment.FromProcess();
            var tracker = new CallTracker();
            grpcApp = BuildGrpcApp(options, tls.Security, configureServices, environment, redactor, loggerFactory, time, reloader, tracker);
            var provider = grpcApp.Services.GetService<ProviderServiceBase>()
                ?? throw new ProviderStartupException(
                    "no provider implementation is registered: call services.AddSingleton<ProviderServiceBase, YourProvider>() in configureServices");
            var definition = provider.CreateDefinition();
            var health = grpcApp.Services.GetRequiredService<HealthServiceImpl>();
            tracker.AddService(definition.Descriptor);
            tracker.AddService(health.Definition.Descriptor);
            grpcApp.UseRouting();
            grpcApp.MapGrpcService(definition);
            grpcApp.MapGrpcHealthService();

            exporter = PrometheusTextExporter.Start(
                [ProviderMetrics.MeterName, ProcessMetrics.MeterName, .. grpcApp.Services.GetServices<ProviderMeterRegistration>().Select(r => r.MeterName)],
                grpcApp.Services.GetRequiredService<IMeterFactory>());
            grpcApp.Services.GetRequiredService<ProviderMetrics>();
            grpcApp.Services.GetRequiredService<ProcessMetrics>();
            var lifecycle = grpcApp.Services.GetRequiredService<ProviderLifecycle>();
            healthApp = BuildHealthApp(options, loggerFactory, lifecycle, exporter);

            // Not serving until Validate passes; the lifecycle drives both names from now on. Reading the state and
            // setting the status happen under one lock, so a readiness check that races the shutdown cannot leave
            // SERVING behind.
            var healthSync = new Lock();
            void UpdateHealth()
            {
                lock (healthSync)
                {
                    SetHealth(health, lifecycle);
                }
            }

            UpdateHealth();
            lifecycle.Changed += UpdateHealth;

            await StartListeningAsync(grpcApp, "gRPC", options.Port, cancellationToken).ConfigureAwait(false);
            await StartListeningAsync(healthApp, "health", options.HealthPort, cancellationToken).ConfigureAwait(false);

            var server = new ProviderServer(grpcApp, healthApp, options, tls.Security, loggerFactory, tracker, exporter, reloader, time)
            {
                GrpcAddress = LocalAddress(grpcApp, options, tls.Security == ProviderTransportSecurity.MutualTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp),
                HealthAddress = LocalAddress(healthApp, options, Uri.UriSchemeHttp),
            };
            if (options.AllowedSans.Count > 0 && tls.Security == ProviderTransportSecurity.MutualTls)
            {
                ProviderSdkLog.AllowListActive(logger, options.AllowedSans.Count);
            }

            ProviderSdkLog.Serving(
                logger,
                options.ProviderType ?? "(PROVIDER_TYPE unset)",
                server.GrpcAddress.GetLeftPart(UriPartial.Authority),
                tls.Security == ProviderTransportSecurity.MutualTls ? "mutual TLS 1.3" : "plaintext h2c",
                server.HealthAddress.GetLeftPart(UriPartial.Authority));
            server.StartReadiness();
            return server;
        }
        catch (Exception e) when (e is ProviderStartupException or OperationCanceledException)
        {
            await CleanUpAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception e)
        {
            // The implementation's constructor or a registration threw: report it as a start failure (exit 1), with
            // the message masked like every log line, and the whole exception in the log.
            ProviderSdkLog.StartFailed(logger, e);
            await CleanUpAsync().ConfigureAwait(false);
            throw new ProviderStartupException($"failed to start: {e.GetType().Name}: {redactor.Redact(e.Message)}", ProviderExitCodes.Failure, e);
        }

        async Task CleanUpAsync()
        {
            if (healthApp is not null)
            {
                await healthApp.DisposeAsync().ConfigureAwait(false);
            }

            if (grpcApp is not null)
            {
                await grpcApp.DisposeAsync().ConfigureAwait(false);
            }

            exporter?.Dispose();
            reloader?.Dispose();
            loggerFactory.Dispose();
        }
    }

    /// <summary>
    /// Shuts down gracefully (see the type's remarks). Idempotent: later calls wait for the first.
    /// <paramref name="cancellationToken"/> ends the grace period early.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopSync)
        {
            return _stopping ??= StopCoreAsync(cancellationToken);
        }
    }

    /// <summary>Stops (if not stopped yet) and releases the ports, the certificate watcher and the logger.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        lock (_stopSync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _grpcApp.DisposeAsync().ConfigureAwait(false);
        await _healthApp.DisposeAsync().ConfigureAwait(false);
        _exporter.Dispose();
        _reloader?.Dispose();
        _readinessStop.Dispose();
        _loggerFactory.Dispose();
    }

    private void StartReadiness()
    {
        var monitor = ActivatorUtilities.CreateInstance<ReadinessMonitor>(_grpcApp.Services);
        _readiness = Task.Run(() => monitor.RunAsync(_readinessStop.Token));
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        _lifecycle.BeginShutdown();
        ProviderSdkLog.ShuttingDown(_logger, Options.ShutdownGracePeriod);
        await _readinessStop.CancelAsync().ConfigureAwait(false);
        await _readiness.ConfigureAwait(false);

        using var graceTimer = new CancellationTokenSource(Options.ShutdownGracePeriod, _time);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(graceTimer.Token, cancellationToken);

        // Kestrel stops accepting and sends GOAWAY now, then waits for the connections' streams until the grace ends.
        var server = _grpcApp.Services.GetRequiredService<IServer>();
        var serverStopped = server.StopAsync(grace.Token);
        await Task.WhenAll(_tracker.WaitForUnaryCallsAsync(grace.Token), _tasks.DrainAsync(grace.Token)).ConfigureAwait(false);
        if (grace.IsCancellationRequested)
        {
            ProviderSdkLog.DrainIncomplete(_logger, _tracker.UnaryInFlight, _tasks.RunningCount);
        }

        var aborted = _tracker.AbortStreams();
        if (aborted > 0)
        {
            ProviderSdkLog.StreamsAborted(_logger, aborted);
        }

        await serverStopped.ConfigureAwait(false);
        await _tasks.DisposeAsync().ConfigureAwait(false);
        _idempotency.Dispose();
        await _grpcApp.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _healthApp.StopAsync(CancellationToken.None).ConfigureAwait(false);
        ProviderSdkLog.Stopped(_logger);
    }

    private static CertificateReloader LoadCertificate(ProviderRuntimeOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        try
        {
            return CertificateReloader.Start(
                CertificateReloaderOptions.ForDirectory(options.TlsDirectory),
                loggerFactory.CreateLogger("VirtRigaud.Provider.Sdk.Tls"),
                time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ProviderStartupException(
                $"TLS material in {options.TlsDirectory} cannot be loaded ({e.Message}); tls.crt/tls.key must be a matching PEM certificate and key, ca.crt a PEM CA bundle",
                ProviderExitCodes.TlsRefused,
                e);
        }
    }

    private static WebApplication BuildGrpcApp(
        ProviderRuntimeOptions options,
        ProviderTransportSecurity security,
        Action<IServiceCollection> configureServices,
        ProviderEnvironment environment,
        SecretRedactor redactor,
        ILoggerFactory loggerFactory,
        TimeProvider time,
        CertificateReloader? reloader,
        CallTracker tracker)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "virtrigaud-provider" });
        var services = builder.Services;

        // The implementation's registrations come first, so that it may replace the SDK's defaults (registered with TryAdd).
        configureServices(services);
        services.AddLogging();
        services.AddSingleton(loggerFactory);
        services.TryAddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(environment);
        services.AddSingleton(redactor);
        services.AddSingleton<ProviderLifecycle>();
        services.AddSingleton(sp => new ProviderCredentials(options.CredentialsDirectory, environment, redactor));
        services.TryAddSingleton(new TaskRegistryOptions());
        services.TryAddSingleton<TaskRegistry>();
        services.TryAddSingleton<IdempotencyRegistry>();
        services.AddMetrics();
        services.AddSingleton<ProviderMetrics>();
        services.AddSingleton<ProcessMetrics>();
        services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownGracePeriod);
        services.AddGrpcTransport((grpc, sp) =>
        {
            grpc.Interceptors.Add(new ProviderMetricsInterceptor(sp.GetRequiredService<ProviderMetrics>(), time));
            grpc.Interceptors.Add(tracker);
            grpc.Interceptors.Add(new LoggingInterceptor(sp.GetRequiredService<ILogger<LoggingInterceptor>>(), time));
            if (security == ProviderTransportSecurity.MutualTls)
            {
                grpc.Interceptors.Add(new AuthInterceptor(new ClientCertificateAuthorizer(options.AllowedSans).Authorize));
            }

            grpc.Interceptors.Add(new ProviderErrorInterceptor(sp.GetRequiredService<ILogger<ProviderErrorInterceptor>>()));
        });

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.KeepAliveTimeout = options.ConnectionIdleTimeout;
            limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
            limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
            limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;

            // Streams (WatchTask, ConsoleStream) may be quiet for minutes; deadlines bound calls, not data rates.
            limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (reloader is not null)
                {
                    listen.UseMutualTls(reloader, requireClientCertificate: true);
                }
            });
        });
        return builder.Build();
    }

    private static WebApplication BuildHealthApp(ProviderRuntimeOptions options, ILoggerFactory loggerFactory, ProviderLifecycle lifecycle, PrometheusTextExporter exporter)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "virtrigaud-provider-health" });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRouting();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.HealthPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.UseRouting();
        HealthEndpoints.Map(app, lifecycle, exporter);
        return app;
    }

    private static async Task StartListeningAsync(WebApplication app, string what, int port, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Kestrel reports "address already in use" as an IOException wrapping a SocketException.
            throw new ProviderStartupException(
                string.Create(CultureInfo.InvariantCulture, $"cannot listen on the {what} port {port}: {e.Message}"),
                ProviderExitCodes.Failure,
                e);
        }
        catch (SocketException e)
        {
            throw new ProviderStartupException(
                string.Create(CultureInfo.InvariantCulture, $"cannot listen on the {what} port {port}: {e.Message}"),
                ProviderExitCodes.Failure,
                e);
        }
        catch (OptionsValidationException e)
        {
            throw new ProviderStartupException("invalid configuration: " + e.Message, ProviderExitCodes.Usage, e);
        }
    }

    private static void SetHealth(HealthServiceImpl health, ProviderLifecycle lifecycle)
    {
        var status = lifecycle.IsServing ? ServingStatus.Serving : ServingStatus.NotServing;
        health.SetStatus("", status);
        health.SetStatus(HealthServiceName, status);
    }

    private static Uri LocalAddress(WebApplication app, ProviderRuntimeOptions options, string scheme)
    {
        var listening = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var bind = IPAddress.Parse(options.BindAddress);
        var host = bind.Equals(IPAddress.Any) ? "127.0.0.1"
            : bind.Equals(IPAddress.IPv6Any) ? "[::1]"
            : bind.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bind}]"
            : bind.ToString();
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:{listening.Port}"));
    }
}
