using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// The manager's <c>virtrigaud_*</c> instruments, on one meter that the <c>/metrics</c> endpoint exports (with the work
/// queues' and the event recorder's instruments, which are created on the same meter). Names, types and labels are
/// upstream's (API-REFERENCE §5) without the deprecated <c>virtrigaud_queue_depth</c> gauge (use
/// <c>workqueue_depth{name}</c>). The provider-call families are <see cref="Providers.ProviderRpcMetrics"/>'; the IP
/// discovery histogram is the VirtualMachine controller's (on this meter, with <see cref="IpDiscoveryBuckets"/>). Thread-safe.
/// </summary>
/// <remarks>
/// The meter is scoped to this instance, so two managers in one process (tests) never export each other's series.
/// </remarks>
public sealed class ManagerMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "VirtRigaud.Manager";

    /// <summary>The <c>component</c> label of <c>virtrigaud_errors_total</c> and <c>virtrigaud_build_info</c>.</summary>
    public const string Component = "manager";

    /// <summary>Upstream's reconcile and RPC latency buckets: 0.001 × 2^0..14 seconds (1 ms to about 16 s).</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [.. Enumerable.Range(0, 15).Select(i => 0.001 * Math.Pow(2, i))];

    /// <summary>Upstream's IP discovery buckets: 0.1 × 2^0..9 seconds (100 ms to about 51 s).</summary>
    public static readonly IReadOnlyList<double> IpDiscoveryBuckets = [.. Enumerable.Range(0, 10).Select(i => 0.1 * Math.Pow(2, i))];

    private readonly Counter<long> _reconciles;
    private readonly Histogram<double> _reconcileDuration;
    private readonly Counter<long> _errors;

    /// <summary>Creates the instruments; <paramref name="version"/> and <paramref name="gitSha"/> label build_info.</summary>
    public ManagerMetrics(string? version = null, string? gitSha = null)
    {
        Meter = new Meter(new MeterOptions(MeterName) { Scope = this });
        Version = version ?? InformationalVersion();
        GitSha = gitSha ?? "unknown";
        Meter.CreateObservableGauge(
            "virtrigaud_build_info",
            () => new Measurement<long>(1, new("version", Version), new("git_sha", GitSha), new("go_version", RuntimeInformation.FrameworkDescription), new("component", Component)),
            description: "Build information; go_version carries the .NET runtime for dashboards written for upstream.");
        _reconciles = Meter.CreateCounter<long>("virtrigaud_manager_reconcile_total", description: "Total number of reconciles per kind and outcome.");
        _reconcileDuration = Meter.CreateHistogram("virtrigaud_manager_reconcile_duration_seconds", "s", "Duration of reconciles per kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _errors = Meter.CreateCounter<long>("virtrigaud_errors_total", description: "Errors by reason and component.");
    }

    /// <summary>The meter every manager instrument lives on (work queues and the event recorder are given it too).</summary>
    public Meter Meter { get; }

    /// <summary>The <c>version</c> label of build_info.</summary>
    public string Version { get; }

    /// <summary>The <c>git_sha</c> label of build_info.</summary>
    public string GitSha { get; }

    /// <summary>Counts one reconcile of <paramref name="kind"/> and records its duration.</summary>
    public void RecordReconcile(string kind, ReconcileOutcome outcome, TimeSpan duration)
    {
        _reconciles.Add(1, new("kind", kind), new("outcome", outcome switch
        {
            ReconcileOutcome.Success => "success",
            ReconcileOutcome.Requeue => "requeue",
            _ => "error",
        }));
        _reconcileDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }

    /// <summary>Counts one error (<c>virtrigaud_errors_total{reason,component="manager"}</c>); reasons are kebab-case (<c>get-provider</c>).</summary>
    public void RecordError(string reason) => _errors.Add(1, new("reason", reason), new("component", Component));

    /// <inheritdoc/>
    public void Dispose() => Meter.Dispose();

    private static string InformationalVersion()
    {
        var version = typeof(ManagerMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
