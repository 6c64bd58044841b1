using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// The command line of <c>virtrigaud-apiserver</c>: flags named as kube-apiserver names them, mapped onto
/// <see cref="ApiServerOptions"/> (whose defaults are the flags' defaults). Runs the server until SIGINT or SIGTERM,
/// then shuts down gracefully; exit code 0 after a clean stop, 1 when the server could not start.
/// </summary>
internal static class ApiServerCommand
{
    /// <summary>Environment variable that sets the port when <c>--port</c> is not given.</summary>
    public const string PortVariable = "VIRTRIGAUD_PORT";

    /// <summary>The root command; <paramref name="run"/> runs the server with the parsed options (tests capture them instead).</summary>
    public static RootCommand Create(Func<ApiServerOptions, CancellationToken, Task<int>>? run = null)
    {
        run ??= RunAsync;
        var defaults = new ApiServerOptions();
        var port = new Option<int>("--port")
        {
            Description = $"HTTPS port (default {defaults.Port}, or ${PortVariable}).",
            DefaultValueFactory = PortFromEnvironment,
        };
        var bindAddress = new Option<string>("--bind-address") { Description = "IP address to listen on.", DefaultValueFactory = _ => defaults.BindAddress };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Directory for the embedded store, the generated certificates and the admin kubeconfig.",
            DefaultValueFactory = _ => defaults.DataDirectory,
        };
        var etcdServers = new Option<string?>("--etcd-servers") { Description = "Comma-separated etcd URLs; without it the embedded SQLite store <data-dir>/store.db is used." };
        var etcdPrefix = new Option<string>("--etcd-prefix") { Description = "Key prefix of every object in the store.", DefaultValueFactory = _ => defaults.EtcdPrefix };
        var etcdCa = new Option<string?>("--etcd-cafile") { Description = "PEM CA bundle for etcd's serving certificate." };
        var etcdCert = new Option<string?>("--etcd-certfile") { Description = "PEM client certificate for etcd." };
        var etcdKey = new Option<string?>("--etcd-keyfile") { Description = "PEM private key of --etcd-certfile." };
        var tlsCert = new Option<string?>("--tls-cert-file") { Description = "PEM serving certificate (default: generated under <data-dir>/pki)." };
        var tlsKey = new Option<string?>("--tls-private-key-file") { Description = "PEM private key of --tls-cert-file." };
        var clientCa = new Option<string?>("--client-ca-file") { Description = "PEM CA bundle for client certificates (CN = user, O = groups), trusted besides the generated CA." };
        var tokenFile = new Option<string?>("--token-auth-file") { Description = "Static bearer tokens, CSV: token,user,uid,\"group1,group2\"." };
        var policyFile = new Option<string?>("--authorization-policy-file") { Description = "Static authorization policy (YAML); default: only system:masters may use the API." };
        var anonymous = new Option<bool>("--anonymous-auth")
        {
            Description = "Serve requests without credentials as system:anonymous (allowed health and version only); false answers them 401.",
            DefaultValueFactory = _ => defaults.AnonymousAuth,
        };
        var coreApi = new Option<bool>("--standalone-core-api")
        {
            Description = "Serve v1 secrets, configmaps, events and namespaces, coordination.k8s.io/v1 leases and events.k8s.io/v1 events, "
                + "which a server without kube-apiserver needs; set false when running aggregated behind kube-apiserver.",
            DefaultValueFactory = _ => defaults.StandaloneCoreApi,
        };
        var eventTtl = DurationOption("--event-ttl", "With the standalone core API: how long an event is kept after its last write.", defaults.EventTtl);
        var compaction = DurationOption("--compaction-interval", "How often old history is compacted away (0 = never).", defaults.CompactionInterval);
        var shutdownDelay = DurationOption("--shutdown-delay", "On SIGTERM, keep serving this long with /readyz failing before draining.", defaults.ShutdownDelay);
        var providerClientTls = new Option<string?>("--provider-client-tls-dir")
        {
            Description = "Directory with tls.crt, tls.key and ca.crt: the client certificate this server presents to providers when it streams "
                + "VM consoles, and the CA of their serving certificates (the all-in-one passes the manager's Local provider CA).",
        };
        var shutdownGrace = DurationOption("--shutdown-grace-period", "How long in-flight requests may take to finish while draining.", defaults.ShutdownGracePeriod);

        var root = new RootCommand("The VirtRigaud API server: serves infra.virtrigaud.io/v1beta1 (and, standalone, the core objects it needs) to kubectl and client libraries over HTTPS.")
        {
            port, bindAddress, dataDir, etcdServers, etcdPrefix, etcdCa, etcdCert, etcdKey, tlsCert, tlsKey, clientCa, tokenFile, policyFile,
            anonymous, coreApi, eventTtl, compaction, shutdownDelay, shutdownGrace, providerClientTls,
        };
        root.SetAction((result, cancellationToken) => run(
            defaults with
            {
                Port = result.GetValue(port),
                BindAddress = result.GetValue(bindAddress)!,
                DataDirectory = result.GetValue(dataDir)!,
                EtcdServers = [.. (result.GetValue(etcdServers) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                EtcdPrefix = result.GetValue(etcdPrefix)!,
                EtcdCaFile = result.GetValue(etcdCa),
                EtcdCertFile = result.GetValue(etcdCert),
                EtcdKeyFile = result.GetValue(etcdKey),
                TlsCertFile = result.GetValue(tlsCert),
                TlsPrivateKeyFile = result.GetValue(tlsKey),
                ClientCaFile = result.GetValue(clientCa),
                TokenAuthFile = result.GetValue(tokenFile),
                AuthorizationPolicyFile = result.GetValue(policyFile),
                AnonymousAuth = result.GetValue(anonymous),
                StandaloneCoreApi = result.GetValue(coreApi),
                EventTtl = result.GetValue(eventTtl),
                CompactionInterval = result.GetValue(compaction),
                ShutdownDelay = result.GetValue(shutdownDelay),
                ShutdownGracePeriod = result.GetValue(shutdownGrace),
                Console = defaults.Console with { ProviderClientTlsDirectory = result.GetValue(providerClientTls) },
            },
            cancellationToken));
        return root;
    }

    /// <summary>Parses a duration the way Go flags write them: <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>, or <c>0</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var rest = text.AsSpan();
        if (rest.IsEmpty)
        {
            return false;
        }

        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            var unitLength = 0;
            while (digits + unitLength < rest.Length && char.IsAsciiLetter(rest[digits + unitLength]))
            {
                unitLength++;
            }

            if (digits == 0 || unitLength == 0
                || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            TimeSpan? part = rest.Slice(digits, unitLength) switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            duration += part.Value;
            rest = rest[(digits + unitLength)..];
        }

        return true;
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} Go duration such as 30s, 5m, 1h.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParseDuration(text, out var duration))
            {
                return duration;
            }

            result.AddError($"{name}: {text} is not a duration such as 30s, 5m or 1h30m");
            return defaultValue;
        },
    };

    private static int PortFromEnvironment(ArgumentResult result)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PortVariable);
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            return new ApiServerOptions().Port;
        }

        if (int.TryParse(fromEnvironment, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return port;
        }

        result.AddError($"${PortVariable}={fromEnvironment} is not a port number");
        return 0;
    }

    private static async Task<int> RunAsync(ApiServerOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        ApiServer server;
        try
        {
            server = await ApiServer.StartAsync(options, logging => logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }), cancellationToken: stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OptionsValidationException or FormatException or IOException or InvalidOperationException or Storage.StorageException)
        {
            await Console.Error.WriteLineAsync($"virtrigaud-apiserver: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("virtrigaud-apiserver: interrupted while starting").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            foreach (var line in server.DescribeStartup())
            {
                await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
            }

            await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT or SIGTERM: shut down in order.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            // Keep the process alive: the server stops in order and Main returns.
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
