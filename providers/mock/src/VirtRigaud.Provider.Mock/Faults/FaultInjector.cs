using System.Diagnostics.Metrics;
using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>
/// Decides, call by call, which faults the mock injects, from the current <see cref="MockFaultConfiguration"/>.
/// Deterministic: with the same configuration and the same sequence of calls per RPC, the same calls fail. Replacing
/// the configuration (<see cref="Configure"/>) resets the failTimes counters and the random sequences. Thread-safe.
/// </summary>
public sealed class FaultInjector : IDisposable
{
    /// <summary>The meter of the mock's own instruments.</summary>
    public const string MeterName = "VirtRigaud.Provider.Mock";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, RuleState> _rpcStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleState> _taskStates = new(StringComparer.Ordinal);
    private readonly Meter _meter;
    private readonly Counter<long> _injectedErrors;
    private readonly Counter<long> _injectedTaskFailures;
    private MockFaultConfiguration _configuration = MockFaultConfiguration.None;

    /// <param name="meterFactory">Creates the meter (so a host exports only its own instruments); <c>null</c> ⇒ a standalone meter.</param>
    public FaultInjector(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _injectedErrors = _meter.CreateCounter<long>("virtrigaud_mock_injected_errors_total", description: "RPC calls failed by fault injection, by rpc and code.");
        _injectedTaskFailures = _meter.CreateCounter<long>("virtrigaud_mock_injected_task_failures_total", description: "Tasks failed by fault injection, by operation.");
    }

    /// <summary>The configuration in force.</summary>
    public MockFaultConfiguration Configuration
    {
        get
        {
            lock (_gate)
            {
                return _configuration;
            }
        }
    }

    /// <summary>Whether the "down" switch is on (every RPC UNAVAILABLE, Validate ok=false).</summary>
    public bool IsDown => Configuration.Down;

    /// <summary>Replaces the configuration and resets all counters and random sequences. Mutates this injector.</summary>
    /// <exception cref="ArgumentException">The configuration is invalid (see <see cref="MockFaultConfiguration.Validate"/>).</exception>
    public void Configure(MockFaultConfiguration configuration)
    {
        var errors = configuration.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"invalid fault configuration: {string.Join("; ", errors)}", nameof(configuration));
        }

        lock (_gate)
        {
            _configuration = configuration;
            _rpcStates.Clear();
            _taskStates.Clear();
        }
    }

    /// <summary>
    /// The faults for one call of <paramref name="rpc"/> (short name). "down" fails every RPC but Validate, which
    /// reports the outage in its answer. Mutates the rule's counters and random sequence.
    /// </summary>
    public RpcFaultDecision DecideRpc(string rpc)
    {
        lock (_gate)
        {
            if (_configuration.Down)
            {
                if (rpc == "Validate")
                {
                    return RpcFaultDecision.PassThrough;
                }

                _injectedErrors.Add(1, new("rpc", rpc), new("code", nameof(StatusCode.Unavailable)));
                return new RpcFaultDecision(TimeSpan.Zero, StatusCode.Unavailable, "hypervisor unreachable (mock fault injection: down)");
            }

            var rules = _configuration.Rpcs;
            if (rules is null || !(rules.TryGetValue(rpc, out var rule) || rules.TryGetValue(MockFaultConfiguration.Wildcard, out rule)))
            {
                return RpcFaultDecision.PassThrough;
            }

            var state = StateOf(_rpcStates, rpc);
            var latency = TimeSpan.FromMilliseconds(rule.LatencyMs);
            if (!state.ShouldFail(rule.FailAlways, rule.FailTimes, rule.ErrorRate, _configuration.Seed))
            {
                return new RpcFaultDecision(latency, null, "");
            }

            MockFaultConfiguration.TryParseCode(rule.EffectiveCode, out var code);
            _injectedErrors.Add(1, new("rpc", rpc), new("code", code.ToString()));
            return new RpcFaultDecision(latency, code, rule.Message ?? $"{rpc} failed (mock fault injection)");
        }
    }

    /// <summary>Whether the next task of <paramref name="operation"/> fails: its error message, or <c>null</c>. Mutates the rule's counters.</summary>
    public string? DecideTask(string operation)
    {
        lock (_gate)
        {
            var rules = _configuration.Tasks;
            if (rules is null || !(rules.TryGetValue(operation, out var rule) || rules.TryGetValue(MockFaultConfiguration.Wildcard, out rule)))
            {
                return null;
            }

            if (!StateOf(_taskStates, operation).ShouldFail(rule.FailAlways, rule.FailTimes, rule.FailRate, _configuration.Seed))
            {
                return null;
            }

            _injectedTaskFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));
            return rule.EffectiveMessage;
        }
    }

    public void Dispose() => _meter.Dispose();

    private static RuleState StateOf(Dictionary<string, RuleState> states, string key)
    {
        if (!states.TryGetValue(key, out var state))
        {
            state = new RuleState(key);
            states[key] = state;
        }

        return state;
    }

    /// <summary>Per-RPC (or per-operation) counters: calls failed so far by failTimes, and the random sequence.</summary>
    private sealed class RuleState(string key)
    {
        private int _failedByCount;
        private SplitMix64? _random;

        public bool ShouldFail(bool always, int times, double rate, long seed)
        {
            if (always)
            {
                return true;
            }

            if (_failedByCount < times)
            {
                _failedByCount++;
                return true;
            }

            if (rate <= 0)
            {
                return false;
            }

            _random ??= new SplitMix64(unchecked((ulong)seed) ^ SplitMix64.Fnv1a(key));
            return _random.NextDouble() < rate;
        }
    }
}
