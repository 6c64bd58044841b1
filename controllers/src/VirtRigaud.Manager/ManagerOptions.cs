using System.Globalization;
using System.Net;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Manager;

/// <summary>
/// Everything the manager runs with; the command line (<see cref="ManagerCommand"/>) fills it, an all-in-one host may
/// build it directly. Immutable; <see cref="Validate"/> checks it before anything starts.
/// </summary>
public sealed record ManagerOptions
{
    /// <summary>Upstream's metrics address.</summary>
    public const string DefaultMetricsBindAddress = ":8080";

    /// <summary>Upstream's probe address.</summary>
    public const string DefaultHealthProbeBindAddress = ":8081";

    /// <summary>The Lease's namespace when none is given and none can be found (in-cluster service account, POD_NAMESPACE).</summary>
    public const string DefaultLeaderElectionNamespace = "virtrigaud-system";

    /// <summary><c>--metrics-bind-address</c>: <c>:8080</c>, <c>127.0.0.1:8080</c>, or <c>0</c> (off).</summary>
    public string MetricsBindAddress { get; init; } = DefaultMetricsBindAddress;

    /// <summary><c>--health-probe-bind-address</c>: <c>/healthz</c> and <c>/readyz</c>.</summary>
    public string HealthProbeBindAddress { get; init; } = DefaultHealthProbeBindAddress;

    /// <summary><c>--leader-elect</c>: compete for the Lease; only the leader reconciles and runs Local providers.</summary>
    public bool LeaderElect { get; init; }

    /// <summary><c>--leader-election-namespace</c>: the Lease's namespace (default: POD_NAMESPACE, the service account's namespace, or virtrigaud-system).</summary>
    public string? LeaderElectionNamespace { get; init; }

    /// <summary>The Lease's name (upstream's leader-election ID).</summary>
    public string LeaderElectionId { get; init; } = LeaderElectionSettings.DefaultLeaseName;

    /// <summary>How long a lease is valid without renewal (controller-runtime's 15 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew (10 s).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates retry (2 s).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>--kubeconfig</c>: the API server to use; default: KUBECONFIG, the in-cluster service account, or ~/.kube/config.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary><c>--kube-api-qps</c>: the client's sustained request rate to the API server (controller-runtime's 20); negative: unlimited.</summary>
    public float KubeApiQps { get; init; } = 20;

    /// <summary><c>--kube-api-burst</c>: requests allowed above the rate in a burst (controller-runtime's 30).</summary>
    public int KubeApiBurst { get; init; } = 30;

    /// <summary><c>--namespace</c>: the only namespace watched; null or empty watches all.</summary>
    public string? Namespace { get; init; }

    /// <summary><c>--workers kind=n,…</c>: concurrent reconciles per controller (names: Provider, VirtualMachine, VMSnapshot…).</summary>
    public IReadOnlyDictionary<string, int> Workers { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary><c>--enforce-provider-capabilities</c>: refuse operations a provider's capabilities do not advertise (upstream's snapshot gate).</summary>
    public bool EnforceProviderCapabilities { get; init; }

    /// <summary><c>--migration-storage-allowed-hosts</c>: IPs and CIDRs migration staging may reach (SSRF allow-list; empty = permissive).</summary>
    public IReadOnlyList<string> MigrationStorageAllowedHosts { get; init; } = [];

    /// <summary><c>--provider-binary-dir</c>: where Local providers' binaries are, one directory or several separated by <c>:</c> (default: the manager's own directory).</summary>
    public string? ProviderBinaryDirectory { get; init; }

    /// <summary><c>--local-provider-state-dir</c>: the loopback CA and per-provider state (default: a fresh temporary directory).</summary>
    public string? LocalProviderStateDirectory { get; init; }

    /// <summary><c>--resync-period</c>: how often every cached object is re-delivered for drift (default 10m; 0 = never).</summary>
    public TimeSpan ResyncPeriod { get; init; } = ControllerManagerOptions.DefaultResyncPeriod;

    /// <summary>
    /// <c>--circuit-breaker-reset-timeout</c>: how long a Provider's open circuit breaker rejects calls before letting
    /// probes through (upstream's CB ResetTimeout, 60 s; threshold 10 and 3 probes stay fixed).
    /// </summary>
    public TimeSpan CircuitBreakerResetTimeout { get; init; } = new Controllers.Providers.CircuitBreakerOptions().ResetTimeout;

    /// <summary>How long shutdown waits for in-flight reconciles.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = ControllerManagerOptions.DefaultShutdownTimeout;

    /// <summary><c>--log-level</c>: debug, info, warn or error.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary><c>--log-format</c>: text or json.</summary>
    public string LogFormat { get; init; } = "text";

    /// <summary>The probe endpoint (parsed).</summary>
    public IPEndPoint HealthProbeEndpoint => ManagerHttpServerOptions.ParseBindAddress(HealthProbeBindAddress)
        ?? throw new FormatException("--health-probe-bind-address cannot be 0: the probes are required");

    /// <summary>The metrics endpoint (parsed); null when off.</summary>
    public IPEndPoint? MetricsEndpoint => ManagerHttpServerOptions.ParseBindAddress(MetricsBindAddress);

    /// <summary>Throws when a setting cannot work; returns this.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names the flag.</exception>
    public ManagerOptions Validate()
    {
        Check(() => _ = HealthProbeEndpoint, "--health-probe-bind-address");
        Check(() => _ = MetricsEndpoint, "--metrics-bind-address");
        foreach (var (name, count) in Workers)
        {
            if (count < 1)
            {
                throw new ArgumentException($"--workers: {name}={count.ToString(CultureInfo.InvariantCulture)} must be at least 1", nameof(Workers));
            }
        }

        foreach (var host in MigrationStorageAllowedHosts)
        {
            if (!IPAddress.TryParse(host, out _) && !IPNetwork.TryParse(host, out _))
            {
                throw new ArgumentException($"--migration-storage-allowed-hosts: {host} is not an IP address or CIDR (e.g. 10.0.0.5, 10.0.0.0/8)", nameof(MigrationStorageAllowedHosts));
            }
        }

        if (KubeApiQps == 0 || float.IsNaN(KubeApiQps) || (KubeApiQps > 0 && KubeApiBurst < 1))
        {
            throw new ArgumentException("--kube-api-qps must be positive (or negative for no limit) and --kube-api-burst at least 1", nameof(KubeApiQps));
        }

        if (CircuitBreakerResetTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("--circuit-breaker-reset-timeout must be positive", nameof(CircuitBreakerResetTimeout));
        }

        if (ResyncPeriod < TimeSpan.Zero)
        {
            throw new ArgumentException("--resync-period must not be negative", nameof(ResyncPeriod));
        }

        if (LogLevel is not ("debug" or "info" or "warn" or "error"))
        {
            throw new ArgumentException($"--log-level: {LogLevel} is not one of debug, info, warn, error", nameof(LogLevel));
        }

        if (LogFormat is not ("text" or "json"))
        {
            throw new ArgumentException($"--log-format: {LogFormat} is not one of text, json", nameof(LogFormat));
        }

        if (LeaderElect && !(LeaseDuration > RenewDeadline && RenewDeadline > RetryPeriod && RetryPeriod > TimeSpan.Zero))
        {
            throw new ArgumentException("leader election needs lease duration > renew deadline > retry period > 0", nameof(LeaseDuration));
        }

        return this;
    }

    /// <summary>
    /// Parses <c>--workers</c>: <c>VirtualMachine=10,Provider=5</c> (names are controller names, case-sensitive).
    /// </summary>
    /// <exception cref="FormatException">An entry is not name=positive integer.</exception>
    public static IReadOnlyDictionary<string, int> ParseWorkers(string text)
    {
        var workers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !int.TryParse(entry.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new FormatException($"--workers: \"{entry}\" is not kind=n with n ≥ 1 (e.g. VirtualMachine=10,Provider=5)");
            }

            workers[entry[..equals].Trim()] = count;
        }

        return workers;
    }

    private static void Check(Action parse, string flag)
    {
        try
        {
            parse();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{flag}: {e.Message}", flag, e);
        }
    }
}
