using VirtRigaud.Grpc;

namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// Upstream's per-Provider circuit breaker (§3.8), exactly: <see cref="CircuitBreakerOptions.FailureThreshold"/>
/// consecutive infrastructure failures (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN) open it; after
/// <see cref="CircuitBreakerOptions.ResetTimeout"/> the next call moves it to half-open, where up to
/// <see cref="CircuitBreakerOptions.HalfOpenMaxCalls"/> probes pass: any counted failure re-opens it, and a success once
/// that many probes were let through closes it. Any other outcome (OK, NOT_FOUND, INVALID_ARGUMENT…) proves the
/// provider answered and counts as a success. While open, calls fail at once with UNAVAILABLE
/// "circuit breaker open: …", which callers classify as retryable.
/// </summary>
/// <remarks>
/// Written here rather than with Polly: Polly 8's breaker opens on a failure ratio over a sampling window and lets one
/// half-open probe through, which cannot express "10 consecutive failures" and "3 probes". Thread-safe.
/// </remarks>
public sealed class CircuitBreaker
{
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private CircuitState _state;
    private int _failures;
    private int _halfOpenCalls;
    private DateTimeOffset _openedAt;

    /// <summary>Creates a closed breaker named <paramref name="name"/> (upstream's key <c>&lt;type&gt;:&lt;provider&gt;:rpc</c>).</summary>
    public CircuitBreaker(string name, CircuitBreakerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new CircuitBreakerOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        Name = name;
    }

    /// <summary>The breaker's name.</summary>
    public string Name { get; }

    /// <summary>Raised (outside the lock) with the new state whenever the state changes.</summary>
    public event Action<CircuitState>? StateChanged;

    /// <summary>Raised for every counted (infrastructure) failure.</summary>
    public event Action? FailureCounted;

    /// <summary>The state as of now (an open breaker whose timeout passed still reads Open until the next call).</summary>
    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Whether <paramref name="code"/> is an infrastructure failure that counts against the provider.</summary>
    public static bool IsCountedFailure(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown;

    /// <summary>Runs <paramref name="call"/> through the breaker.</summary>
    /// <exception cref="RpcException">UNAVAILABLE when the circuit is open, or the call's own failure.</exception>
    public async Task<T> ExecuteAsync<T>(Func<Task<T>> call)
    {
        Admit();
        try
        {
            var result = await call().ConfigureAwait(false);
            OnOutcome(failed: false);
            return result;
        }
        catch (RpcException e)
        {
            OnOutcome(IsCountedFailure(e.StatusCode));
            throw;
        }
    }

    private void Admit()
    {
        CircuitState? changed = null;
        lock (_gate)
        {
            if (_state == CircuitState.Open)
            {
                var openFor = _time.GetUtcNow() - _openedAt;
                if (openFor < _options.ResetTimeout)
                {
                    throw Rejected($"retry in {(_options.ResetTimeout - openFor).TotalSeconds:0}s");
                }

                _state = CircuitState.HalfOpen;
                _halfOpenCalls = 0;
                changed = CircuitState.HalfOpen;
            }

            if (_state == CircuitState.HalfOpen)
            {
                if (_halfOpenCalls >= _options.HalfOpenMaxCalls)
                {
                    throw Rejected("half-open probes in flight");
                }

                _halfOpenCalls++;
            }
        }

        Notify(changed);
    }

    private void OnOutcome(bool failed)
    {
        CircuitState? changed = null;
        lock (_gate)
        {
            if (failed)
            {
                _failures++;
                if (_state == CircuitState.HalfOpen || (_state == CircuitState.Closed && _failures >= _options.FailureThreshold))
                {
                    _state = CircuitState.Open;
                    _openedAt = _time.GetUtcNow();
                    changed = CircuitState.Open;
                }
            }
            else if (_state == CircuitState.HalfOpen)
            {
                if (_halfOpenCalls >= _options.HalfOpenMaxCalls)
                {
                    _state = CircuitState.Closed;
                    _failures = 0;
                    changed = CircuitState.Closed;
                }
            }
            else if (_state == CircuitState.Closed)
            {
                _failures = 0;
            }
        }

        if (failed)
        {
            FailureCounted?.Invoke();
        }

        Notify(changed);
    }

    private void Notify(CircuitState? changed)
    {
        if (changed is { } state)
        {
            StateChanged?.Invoke(state);
        }
    }

    private RpcException Rejected(string detail) =>
        new(new Status(StatusCode.Unavailable, $"circuit breaker open: {Name} ({detail})"));
}
