using Polly;
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
/// Every guarded call runs through <see cref="Pipeline"/>, a Polly <see cref="ResiliencePipeline"/> whose one strategy
/// is this breaker (<see cref="CircuitBreakerStrategy"/>). The state machine is ours because Polly 8's built-in
/// breaker opens on a failure ratio over a sampling window and lets one half-open probe through, which cannot express
/// "10 consecutive failures" and "3 probes". Per-RPC deadlines are not a Polly timeout: they travel with the call as
/// gRPC deadlines (the provider sees them too) and end it with DEADLINE_EXCEEDED, which this breaker counts.
/// Thread-safe.
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
        Pipeline = new ResiliencePipelineBuilder { Name = name, TimeProvider = _time }
            .AddStrategy(_ => new CircuitBreakerStrategy(this), new CircuitBreakerStrategyOptions())
            .Build();
    }

    /// <summary>The breaker's name.</summary>
    public string Name { get; }

    /// <summary>The Polly pipeline that guards calls with this breaker; every guarded RPC runs through it.</summary>
    public ResiliencePipeline Pipeline { get; }

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

    /// <summary>Whether <paramref name="exception"/> is this kind of breaker's rejection (the circuit was open), not a provider answer.</summary>
    public static bool IsRejection(RpcException exception) => exception.InnerException is CircuitBreakerOpenException;

    /// <summary>Runs <paramref name="call"/> through <see cref="Pipeline"/>.</summary>
    /// <exception cref="RpcException">UNAVAILABLE when the circuit is open (see <see cref="IsRejection"/>), or the call's own failure.</exception>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await Pipeline.ExecuteAsync(static async (call, ct) => await call(ct).ConfigureAwait(false), call, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <paramref name="call"/> (which carries its own cancellation) through <see cref="Pipeline"/>.</summary>
    /// <exception cref="RpcException">UNAVAILABLE when the circuit is open, or the call's own failure.</exception>
    public Task<T> ExecuteAsync<T>(Func<Task<T>> call) => ExecuteAsync(_ => call(), CancellationToken.None);

    /// <summary>Lets a call through, or returns the rejection to fail it with (the circuit is open or its probes are taken).</summary>
    internal RpcException? TryAdmit()
    {
        CircuitState? changed = null;
        RpcException? rejected = null;
        lock (_gate)
        {
            if (_state == CircuitState.Open)
            {
                var openFor = _time.GetUtcNow() - _openedAt;
                if (openFor < _options.ResetTimeout)
                {
                    return Rejected($"retry in {(_options.ResetTimeout - openFor).TotalSeconds:0}s");
                }

                _state = CircuitState.HalfOpen;
                _halfOpenCalls = 0;
                changed = CircuitState.HalfOpen;
            }

            if (_state == CircuitState.HalfOpen)
            {
                if (_halfOpenCalls >= _options.HalfOpenMaxCalls)
                {
                    rejected = Rejected("half-open probes in flight");
                }
                else
                {
                    _halfOpenCalls++;
                }
            }
        }

        Notify(changed);
        return rejected;
    }

    /// <summary>
    /// Records the outcome of an admitted call: an RPC answer counts as a failure or a success; a call that ended
    /// without one (cancelled by the caller, CANCELLED, or a local error) proves nothing and only gives back its half-open probe
    /// slot, so abandoned probes cannot leave the breaker half-open forever.
    /// </summary>
    internal void Record(Exception? failure)
    {
        if (failure is null || failure is RpcException { StatusCode: not StatusCode.Cancelled })
        {
            OnOutcome(failure is RpcException e && IsCountedFailure(e.StatusCode));
            return;
        }

        lock (_gate)
        {
            if (_state == CircuitState.HalfOpen && _halfOpenCalls > 0)
            {
                _halfOpenCalls--;
            }
        }
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
        new(new Status(StatusCode.Unavailable, $"circuit breaker open: {Name} ({detail})"), new Metadata(), new CircuitBreakerOpenException(Name, detail));
}
