using Polly;

namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// A Polly strategy around a <see cref="CircuitBreaker"/>: asks the breaker to admit the call (an open circuit fails it
/// at once with the breaker's UNAVAILABLE rejection, without running the callback), runs it, and reports the outcome.
/// Stateless itself; the state is the breaker's. Thread-safe.
/// </summary>
internal sealed class CircuitBreakerStrategy(CircuitBreaker breaker) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        if (breaker.TryAdmit() is { } rejected)
        {
            return Outcome.FromException<TResult>(rejected);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        breaker.Record(outcome.Exception);
        return outcome;
    }
}
