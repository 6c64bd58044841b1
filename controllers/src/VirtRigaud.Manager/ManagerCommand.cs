using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Manager;

/// <summary>
/// The command line of <c>virtrigaud-manager</c>: upstream's flags (<c>--metrics-bind-address</c>,
/// <c>--health-probe-bind-address</c>, <c>--leader-elect</c>, <c>--enforce-provider-capabilities</c>,
/// <c>--migration-storage-allowed-hosts</c>, <c>--version</c>) and ours (<c>--kubeconfig</c>, <c>--namespace</c>,
/// <c>--workers</c>, <c>--provider-binary-dir</c>, <c>--local-provider-state-dir</c>, <c>--resync-period</c>,
/// <c>--leader-election-namespace</c>, <c>--kube-api-qps</c>/<c>--kube-api-burst</c>,
/// <c>--circuit-breaker-reset-timeout</c>, <c>--log-level</c>,
/// <c>--log-format</c>), mapped onto <see cref="ManagerOptions"/>. Runs until SIGINT or SIGTERM.
/// </summary>
internal static class ManagerCommand
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs the manager (or <paramref name="run"/>); a flag error prints one line per
    /// problem on <paramref name="error"/> and returns <see cref="ManagerExitCodes.Usage"/>.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, Func<ManagerOptions, CancellationToken, Task<int>>? run = null)
    {
        var parse = Create(run).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"virtrigaud-manager: {problem.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'virtrigaud-manager --help' for the flags.").ConfigureAwait(false);
            return ManagerExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The root command; <paramref name="run"/> runs the manager with the parsed options (tests capture them instead).</summary>
    public static RootCommand Create(Func<ManagerOptions, CancellationToken, Task<int>>? run = null)
    {
        run ??= RunAsync;
        var defaults = new ManagerOptions();
        var metrics = new Option<string>("--metrics-bind-address") { Description = "Address of /metrics: :8080, 127.0.0.1:8080, or 0 to turn it off.", DefaultValueFactory = _ => defaults.MetricsBindAddress };
        var health = new Option<string>("--health-probe-bind-address") { Description = "Address of /healthz and /readyz.", DefaultValueFactory = _ => defaults.HealthProbeBindAddress };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Compete for the Lease " + defaults.LeaderElectionId + "; only the leader reconciles and runs Local providers." };
        var leaderNamespace = new Option<string?>("--leader-election-namespace") { Description = "Namespace of the Lease (default: $POD_NAMESPACE, the service account's namespace, or " + ManagerOptions.DefaultLeaderElectionNamespace + ")." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig of the API server (default: $KUBECONFIG, the in-cluster service account, or ~/.kube/config)." };
        var qps = new Option<float>("--kube-api-qps") { Description = "Sustained requests per second to the API server; negative for no limit.", DefaultValueFactory = _ => defaults.KubeApiQps };
        var burst = new Option<int>("--kube-api-burst") { Description = "Requests allowed in a burst above --kube-api-qps.", DefaultValueFactory = _ => defaults.KubeApiBurst };
        var watchNamespace = new Option<string?>("--namespace") { Description = "Watch only this namespace (default: all)." };
        var workers = new Option<IReadOnlyDictionary<string, int>>("--workers")
        {
            Description = "Concurrent reconciles per controller, e.g. VirtualMachine=10,Provider=5 (controllers: Provider, VirtualMachine, VMClass, VMImage, VMNetworkAttachment, VMSnapshot, VMClone, VMAdoption).",
            DefaultValueFactory = _ => defaults.Workers,
            CustomParser = result =>
            {
                try
                {
                    return ManagerOptions.ParseWorkers(string.Join(',', result.Tokens.Select(t => t.Value)));
                }
                catch (FormatException e)
                {
                    result.AddError(e.Message);
                    return defaults.Workers;
                }
            },
        };
        var enforce = new Option<bool>("--enforce-provider-capabilities") { Description = "Accepted for upstream compatibility: controllers always refuse what a provider's capabilities do not advertise." };
        var allowedHosts = new Option<string?>("--migration-storage-allowed-hosts") { Description = "Comma-separated IPs and CIDRs migration staging may reach (SSRF allow-list; empty = permissive)." };
        var binaryDir = new Option<string?>("--provider-binary-dir") { Description = "Directory of the Local providers' binaries virtrigaud-provider-<type>, or several separated by ':' and searched in order (default: the manager's own directory)." };
        var stateDir = new Option<string?>("--local-provider-state-dir") { Description = "Directory of the loopback CA and the Local providers' state (default: a new temporary directory)." };
        var resync = DurationOption("--resync-period", "How often every cached object is reconciled again for drift (0 = never).", defaults.ResyncPeriod);
        var breakerReset = DurationOption("--circuit-breaker-reset-timeout", "How long an open provider circuit breaker rejects calls before probing again.", defaults.CircuitBreakerResetTimeout);
        var logLevel = new Option<string>("--log-level") { Description = "debug, info, warn or error.", DefaultValueFactory = _ => defaults.LogLevel };
        logLevel.AcceptOnlyFromAmong("debug", "info", "warn", "error");
        var logFormat = new Option<string>("--log-format") { Description = "text or json.", DefaultValueFactory = _ => defaults.LogFormat };
        logFormat.AcceptOnlyFromAmong("text", "json");

        var root = new RootCommand("The VirtRigaud controller manager: reconciles infra.virtrigaud.io/v1beta1 objects and runs their providers.")
        {
            metrics, health, leaderElect, leaderNamespace, kubeconfig, qps, burst, watchNamespace, workers, enforce, allowedHosts, binaryDir, stateDir, resync, breakerReset, logLevel, logFormat,
        };
        root.SetAction((result, cancellationToken) => run(
            defaults with
            {
                MetricsBindAddress = result.GetValue(metrics)!,
                HealthProbeBindAddress = result.GetValue(health)!,
                LeaderElect = result.GetValue(leaderElect),
                LeaderElectionNamespace = result.GetValue(leaderNamespace),
                Kubeconfig = result.GetValue(kubeconfig),
                KubeApiQps = result.GetValue(qps),
                KubeApiBurst = result.GetValue(burst),
                Namespace = result.GetValue(watchNamespace),
                Workers = result.GetValue(workers)!,
                EnforceProviderCapabilities = result.GetValue(enforce),
                MigrationStorageAllowedHosts = [.. (result.GetValue(allowedHosts) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                ProviderBinaryDirectory = result.GetValue(binaryDir),
                LocalProviderStateDirectory = result.GetValue(stateDir),
                ResyncPeriod = result.GetValue(resync),
                CircuitBreakerResetTimeout = result.GetValue(breakerReset),
                LogLevel = result.GetValue(logLevel)!,
                LogFormat = result.GetValue(logFormat)!,
            },
            cancellationToken));
        return root;
    }

    /// <summary>The logger factory for <paramref name="options"/>' level and format (console, one line per entry).</summary>
    public static ILoggerFactory CreateLoggerFactory(ManagerOptions options) => LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(options.LogLevel switch
        {
            "debug" => LogLevel.Debug,
            "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        });

        // The HTTP endpoints' own request logs would drown the controllers' at info.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(json => json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }
    });

    private static async Task<int> RunAsync(ManagerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"virtrigaud-manager: {e.Message}").ConfigureAwait(false);
            return ManagerExitCodes.Usage;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var loggerFactory = CreateLoggerFactory(options);
        return await ManagerHost.RunAsync(options, loggerFactory, stop.Token).ConfigureAwait(false);

        void Stop(PosixSignalContext context)
        {
            // Handled here: the runtime must not end the process before the drain.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} Go duration such as 30s, 10m, 1h.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (text == "0")
            {
                return TimeSpan.Zero;
            }

            if (Duration.TryParse(text, out var duration, out var error) && duration.Nanoseconds >= 0)
            {
                return duration.Value;
            }

            result.AddError($"{name}: {text} is not a duration such as 30s, 10m or 1h30m{(error.Length > 0 ? " (" + error + ")" : "")}");
            return defaultValue;
        },
    };
}
