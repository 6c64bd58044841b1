using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;

namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// The provider-call families of upstream's manager (§5): <c>virtrigaud_provider_rpc_requests_total{provider_type,method,code}</c>,
/// <c>virtrigaud_provider_rpc_latency_seconds{provider_type,method}</c>, <c>virtrigaud_vm_operations_total{operation,provider_type,provider,outcome}</c>,
/// <c>virtrigaud_provider_tasks_inflight{provider_type,provider}</c>, <c>virtrigaud_circuit_breaker_state{provider_type,provider}</c>
/// and <c>virtrigaud_circuit_breaker_failures_total{provider_type,provider}</c>, on the manager's meter. Thread-safe.
/// </summary>
public sealed class ProviderRpcMetrics
{
    private static readonly HashSet<string> VmOperations = new(StringComparer.Ordinal) { "Create", "Delete", "Power", "Describe", "Reconfigure" };

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _vmOperations;
    private readonly UpDownCounter<long> _tasksInflight;
    private readonly Counter<long> _breakerFailures;
    private readonly ConcurrentDictionary<(string Type, string Namespace, string Provider), CircuitState> _breakerStates = new();

    /// <summary>Creates the instruments on <paramref name="metrics"/>' meter.</summary>
    public ProviderRpcMetrics(ManagerMetrics metrics)
    {
        var meter = metrics.Meter;
        _requests = meter.CreateCounter<long>("virtrigaud_provider_rpc_requests_total", description: "Provider RPCs by type, method and gRPC code.");
        _latency = meter.CreateHistogram("virtrigaud_provider_rpc_latency_seconds", "s", "Provider RPC latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ManagerMetrics.LatencyBuckets });
        _vmOperations = meter.CreateCounter<long>("virtrigaud_vm_operations_total", description: "VM operations sent to providers.");
        _tasksInflight = meter.CreateUpDownCounter<long>("virtrigaud_provider_tasks_inflight", description: "Provider tasks started and not yet seen finished.");
        _breakerFailures = meter.CreateCounter<long>("virtrigaud_circuit_breaker_failures_total", description: "Failures counted by provider circuit breakers.");
        meter.CreateObservableGauge("virtrigaud_circuit_breaker_state", ObserveBreakers, description: "Circuit breaker state: 0 closed, 1 half-open, 2 open.");
    }

    /// <summary>Records one RPC.</summary>
    public void RecordCall(string providerType, string provider, string method, StatusCode code, TimeSpan latency)
    {
        _requests.Add(1, new("provider_type", providerType), new("method", method), new("code", CodeName(code)));
        _latency.Record(latency.TotalSeconds, new("provider_type", providerType), new("method", method));
        if (VmOperations.Contains(method))
        {
            _vmOperations.Add(1, new("operation", method), new("provider_type", providerType), new("provider", provider), new("outcome", code == StatusCode.OK ? "success" : "error"));
        }
    }

    /// <summary>Moves the in-flight task gauge by <paramref name="delta"/>.</summary>
    public void AddInflightTasks(string providerType, string provider, int delta) =>
        _tasksInflight.Add(delta, new("provider_type", providerType), new("provider", provider));

    /// <summary>Counts a breaker failure.</summary>
    public void RecordBreakerFailure(string providerType, string provider) =>
        _breakerFailures.Add(1, new("provider_type", providerType), new("provider", provider));

    /// <summary>
    /// Sets the breaker state of a Provider. The gauge carries upstream's labels, which have no namespace: Providers of
    /// one type and name in several namespaces share a series, which shows the worst of their states (open over
    /// half-open over closed), so no open breaker is hidden by a closed one.
    /// </summary>
    public void SetBreakerState(string providerType, string @namespace, string provider, CircuitState state) =>
        _breakerStates[(providerType, @namespace, provider)] = state;

    /// <summary>Drops a removed Provider's breaker state (its series goes when no Provider of that name is left).</summary>
    public void ForgetBreaker(string providerType, string @namespace, string provider) => _breakerStates.TryRemove((providerType, @namespace, provider), out _);

    /// <summary>Go's name of a gRPC code (<c>OK</c>, <c>Unavailable</c>, <c>DeadlineExceeded</c>…), as upstream's label.</summary>
    public static string CodeName(StatusCode code) => code switch
    {
        StatusCode.Cancelled => "Canceled",
        _ => code.ToString(),
    };

    private IEnumerable<Measurement<int>> ObserveBreakers() =>
        _breakerStates
            .GroupBy(e => (e.Key.Type, e.Key.Provider))
            .Select(g => new Measurement<int>(g.Max(e => (int)e.Value), new("provider_type", g.Key.Type), new("provider", g.Key.Provider)));
}
