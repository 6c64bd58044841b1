using System.Diagnostics;
using System.Diagnostics.Metrics;
using VirtRigaud.Provider.Sdk.Tasks;

namespace VirtRigaud.Provider.Sdk.Metrics;

/// <summary>
/// The provider's own instruments (meter <see cref="MeterName"/>), named as the manager's families so one dashboard
/// reads both sides:
/// <code>
/// virtrigaud_provider_rpc_requests_total{method,code}     counter    every provider.v1 call; method = short RPC name, code = Go's code name (OK, NotFound, …)
/// virtrigaud_provider_rpc_duration_seconds{method}        histogram  call duration; buckets 0.001·2^0 … 0.001·2^14 s, as the manager's latency histogram
/// virtrigaud_provider_tasks_inflight                      gauge      tasks running in the TaskRegistry
/// </code>
/// Thread-safe; one per provider process (a DI singleton).
/// </summary>
public sealed class ProviderMetrics
{
    /// <summary>The meter of the provider instruments.</summary>
    public const string MeterName = "VirtRigaud.Provider";

    /// <summary>The manager's RPC latency buckets (1 ms … ~16 s, doubling).</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [.. Enumerable.Range(0, 15).Select(i => 0.001 * Math.Pow(2, i))];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public ProviderMetrics(IMeterFactory meterFactory, TaskRegistry tasks)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "virtrigaud_provider_rpc_requests_total",
            unit: "{call}",
            description: "provider.v1 calls completed by this provider, by RPC and status code.");
        _duration = meter.CreateHistogram<double>(
            "virtrigaud_provider_rpc_duration_seconds",
            unit: "s",
            description: "Duration of provider.v1 calls on this provider, from the request headers to the status.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge(
            "virtrigaud_provider_tasks_inflight",
            () => tasks.RunningCount,
            unit: "{task}",
            description: "Long-running provider operations (tasks) running now.");
    }

    /// <summary>Records one finished call. Thread-safe.</summary>
    public void RecordCall(string method, string code, TimeSpan duration)
    {
        _requests.Add(1, new TagList { { "method", method }, { "code", code } });
        _duration.Record(duration.TotalSeconds, new TagList { { "method", method } });
    }
}
