using System.Globalization;
using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using VirtRigaud.Apiserver.ConsoleStreaming;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Apiserver.Security.Certificates;
using VirtRigaud.Etcd;
using VirtRigaud.Storage;
using VirtRigaud.Storage.Etcd;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// The running API server: Kestrel on one HTTPS port speaking HTTP/1.1 and HTTP/2, the security pipeline, the API's
/// endpoints and the store. Used by <c>Program</c> and, in-process, by tests. <see cref="StartAsync"/> returns once the
/// server listens and is ready; <see cref="StopAsync"/> shuts it down gracefully.
/// </summary>
/// <remarks>
/// Start: validate options → open the store → load or generate certificates → listen → write the kubeconfig → ready.
/// Stop: not ready (<c>/readyz</c> fails) → keep serving for the shutdown delay → end watches and stop accepting →
/// in-flight requests finish within the grace period → close the store.
/// </remarks>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IStorage _storage;
    private readonly ServerLifecycle _lifecycle;
    private readonly ServerCertificates _certificates;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _compaction = Task.CompletedTask;
    private int _stopped;

    private ApiServer(
        WebApplication app,
        ApiServerOptions options,
        IStorage storage,
        ServerLifecycle lifecycle,
        ServerCertificates certificates,
        ILoggerFactory loggerFactory,
        Uri address,
        string storeDescription)
    {
        _app = app;
        _loggerFactory = loggerFactory;
        Options = options;
        _storage = storage;
        _lifecycle = lifecycle;
        _certificates = certificates;
        Address = address;
        StoreDescription = storeDescription;
        _logger = loggerFactory.CreateLogger("VirtRigaud.Apiserver");
    }

    /// <summary>The options the server runs with.</summary>
    public ApiServerOptions Options { get; }

    /// <summary>The server's URL as clients reach it (<c>https://127.0.0.1:8443</c>), with the actual port.</summary>
    public Uri Address { get; }

    /// <summary>The port the server listens on (the chosen one when <see cref="ApiServerOptions.Port"/> is 0).</summary>
    public int Port => Address.Port;

    /// <summary>The store, for humans: <c>sqlite /path/store.db</c> or <c>etcd http://…</c>.</summary>
    public string StoreDescription { get; }

    /// <summary>The admin kubeconfig written at start.</summary>
    public string KubeconfigPath => Options.KubeconfigPath;

    /// <summary>The running application's services (the store, the lifecycle, the parts' singletons).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The server's TLS material (the generated CA issues further client certificates in tests).</summary>
    internal ServerCertificates Certificates => _certificates;

    /// <summary>Starts a server; returns when it listens and is ready.</summary>
    /// <param name="options">The configuration; validated first (an invalid value throws <see cref="OptionsValidationException"/>).</param>
    /// <param name="configureLogging">Adds log providers; none by default (tests stay quiet, <c>Program</c> adds the console).</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ApiServer> StartAsync(
        ApiServerOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var validation = new ApiServerOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(ApiServerOptions), typeof(ApiServerOptions), validation.Failures);
        }

        var time = timeProvider ?? TimeProvider.System;
        Directory.CreateDirectory(options.DataDirectoryPath);

        // One logger factory from the first line on: the store and the certificates log before the application exists.
        var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);

            // ASP.NET Core logs every request at Information; a busy server's log would be nothing else.
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            configureLogging?.Invoke(logging);
        });
        IStorage? storage = null;
        WebApplication? app = null;
        try
        {
            (storage, var storeDescription) = await OpenStorageAsync(options, time, loggerFactory, cancellationToken).ConfigureAwait(false);
            app = Build(options, storage, time, loggerFactory);

            // Loads the provider client TLS material now, so that unusable files stop the start rather than a console.
            app.Services.GetRequiredService<ProviderConsoleConnector>();
            var certificates = app.Services.GetRequiredService<ServerCertificates>();
            var lifecycle = app.Services.GetRequiredService<ServerLifecycle>();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var address = ClientAddress(options, app);
            KubeconfigWriter.Write(options.KubeconfigPath, address, certificates.ServingTrustPem, certificates.Admin, ServerCertificates.AdminUser);
            var server = new ApiServer(app, options, storage, lifecycle, certificates, loggerFactory, address, storeDescription);
            server.StartCompaction(time);
            lifecycle.MarkReady();
            ApiServerLog.Listening(server._logger, address, storeDescription);
            return server;
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            if (storage is not null)
            {
                await storage.DisposeAsync().ConfigureAwait(false);
            }

            loggerFactory.Dispose();
            throw;
        }
    }

    /// <summary>The facts a person starting the server needs, one per line (printed by <c>Program</c>).</summary>
    public IReadOnlyList<string> DescribeStartup() =>
    [
        $"virtrigaud-apiserver listening on {Address.GetLeftPart(UriPartial.Authority)} (HTTPS, HTTP/1.1 and HTTP/2)",
        $"data directory: {Options.DataDirectoryPath}",
        $"store: {StoreDescription}",
        $"kubeconfig: {KubeconfigPath} (user {ServerCertificates.AdminUser}, group {UserInfo.Masters})",
        $"try: kubectl --kubeconfig {KubeconfigPath} get vm",
    ];

    /// <summary>
    /// Shuts down gracefully (see the type's remarks). Idempotent. <paramref name="cancellationToken"/> cuts the
    /// shutdown delay and the grace period short.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        ApiServerLog.ShuttingDown(_logger, Options.ShutdownDelay, Options.ShutdownGracePeriod);
        _lifecycle.BeginShutdown();
        if (Options.ShutdownDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Options.ShutdownDelay, _app.Services.GetRequiredService<TimeProvider>(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Asked to hurry: go on draining.
            }
        }

        _lifecycle.EndWatches();

        // The host bounds this by HostOptions.ShutdownTimeout (the grace period); requests still running then are aborted.
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _compaction.ConfigureAwait(false);
        ApiServerLog.Stopped(_logger);
    }

    /// <summary>Stops (if not yet stopped) and releases the port, the store and the certificates.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _storage.DisposeAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
        _certificates.Dispose();
        _stopping.Dispose();
        _loggerFactory.Dispose();
    }

    private void StartCompaction(TimeProvider time)
    {
        if (Options.CompactionInterval > TimeSpan.Zero)
        {
            var compactor = new Compactor(_storage, new CompactorOptions { Interval = Options.CompactionInterval }, _loggerFactory.CreateLogger<Compactor>(), time);
            _compaction = compactor.RunAsync(_stopping.Token);
        }
    }

    private static async Task<(IStorage Storage, string Description)> OpenStorageAsync(
        ApiServerOptions options, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var storageOptions = new StorageOptions { Prefix = options.EtcdPrefix };
        if (options.UsesEtcd)
        {
            var client = new EtcdClient(
                new EtcdClientOptions
                {
                    Endpoints = [.. options.EtcdServers.Select(s => new Uri(s))],
                    TrustedCaCertificates = options.EtcdCaFile is null ? null : PemFiles.LoadBundle(options.EtcdCaFile),
                    ClientCertificate = options.EtcdCertFile is null || options.EtcdKeyFile is null ? null : PemFiles.LoadPair(options.EtcdCertFile, options.EtcdKeyFile),
                    TimeProvider = time,
                },
                loggerFactory.CreateLogger<EtcdClient>());
            var etcd = new EtcdStorage(client, storageOptions, ownsClient: true);
            try
            {
                // Fail the start, as kube-apiserver does, when etcd cannot be reached: a server that is up but cannot
                // store anything only hides the mistake in the flags.
                await etcd.GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await etcd.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return (etcd, $"etcd {string.Join(",", options.EtcdServers)} (prefix {options.EtcdPrefix})");
        }

        var storage = await SqliteStorage.OpenAsync(
            options.SqlitePath,
            storageOptions,
            new SqliteStorageOptions { Synchronous = options.SqliteSynchronous },
            time,
            cancellationToken).ConfigureAwait(false);
        return (storage, $"sqlite {options.SqlitePath}");
    }

    private static WebApplication Build(ApiServerOptions options, IStorage storage, TimeProvider time, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "virtrigaud-apiserver",
            ContentRootPath = options.DataDirectoryPath,
        });
        var services = builder.Services;
        services.AddLogging();
        services.AddSingleton(loggerFactory);
        services.AddRouting();
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(storage);
        services.AddSingleton<ServerLifecycle>();
        services.AddSingleton(_ => ServerCertificates.LoadOrCreate(options, time, loggerFactory.CreateLogger("VirtRigaud.Apiserver.Certificates")));
        services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownGracePeriod);
        AddSecurity(services, options);
        services.AddApiParts(options);

        builder.WebHost.UseKestrel();
        services.AddOptions<KestrelServerOptions>().Configure<ServerCertificates>((kestrel, certificates) => ConfigureKestrel(kestrel, options, certificates));

        var app = builder.Build();
        app.UseMiddleware<StatusErrorMiddleware>();

        // Offers WebSocket upgrades (HTTP/1.1 Upgrade and HTTP/2 extended CONNECT) to the endpoints; pings and timeouts
        // are set per accepted socket (console streaming).
        app.UseWebSockets();
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<AuthorizationMiddleware>();
        app.UseRouting();
        app.MapApiParts();
        return app;
    }

    private static void AddSecurity(IServiceCollection services, ApiServerOptions options)
    {
        // Order matters: the client certificate is looked at first, as in kube-apiserver.
        services.AddSingleton<IAuthenticator>(sp => new X509Authenticator(sp.GetRequiredService<ServerCertificates>().ClientAuthorities, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAuthenticator>(sp =>
        {
            if (options.TokenAuthFile is null)
            {
                return new TokenAuthenticator(StaticTokenFile.Empty);
            }

            var tokens = StaticTokenFile.Load(options.TokenAuthFile);
            ApiServerLog.TokensLoaded(sp.GetRequiredService<ILogger<ApiServer>>(), tokens.Count, options.TokenAuthFile);
            return new TokenAuthenticator(tokens);
        });
        services.AddSingleton<IAuthorizer>(sp =>
        {
            var policy = AuthorizationPolicy.Default;
            if (options.AuthorizationPolicyFile is not null)
            {
                policy = AuthorizationPolicyFile.Load(options.AuthorizationPolicyFile);
                ApiServerLog.PolicyLoaded(sp.GetRequiredService<ILogger<ApiServer>>(), policy.Rules.Count - AuthorizationPolicy.BuiltInRules.Count, options.AuthorizationPolicyFile);
            }

            return new UnionAuthorizer([new PrivilegedGroupAuthorizer(), new PolicyAuthorizer(policy)]);
        });
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, ApiServerOptions options, ServerCertificates certificates)
    {
        kestrel.AddServerHeader = false;
        var limits = kestrel.Limits;
        limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        limits.Http2.MaxStreamsPerConnection = options.Http2MaxStreamsPerConnection;
        limits.Http2.InitialConnectionWindowSize = options.Http2InitialConnectionWindowSize;
        limits.Http2.InitialStreamWindowSize = options.Http2InitialStreamWindowSize;

        // Large lists go to slow readers and watches idle for minutes: like kube-apiserver, do not cut a client off
        // for reading slowly (request timeouts and the client's own deadline bound such requests instead).
        limits.MinResponseDataRate = null;

        kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificates.Serving,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,

                // Ask for a client certificate in the handshake (HTTP/2 cannot renegotiate) but accept any: the x509
                // authenticator verifies it against the client CAs, so that a bad certificate gets a 401 Status
                // rather than a failed handshake, and so that no OS trust store is involved.
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
                CheckCertificateRevocation = false,
            });
        });
    }

    private static Uri ClientAddress(ApiServerOptions options, WebApplication app)
    {
        var listening = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a))
            .First();
        var bind = IPAddress.Parse(options.BindAddress);
        var host = bind.Equals(IPAddress.Any) ? "127.0.0.1"
            : bind.Equals(IPAddress.IPv6Any) ? "[::1]"
            : bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bind}]"
            : bind.ToString();
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{host}:{listening.Port}"));
    }
}
