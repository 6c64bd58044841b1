namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// Combines limiters by taking the longest delay (client-go's <c>MaxOfRateLimiter</c>); every limiter sees every
/// <see cref="When"/> and <see cref="Forget"/>. Thread-safe when its limiters are.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class MaxOfRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly IRateLimiter<TKey>[] _limiters;

    /// <summary>Combines <paramref name="limiters"/> (at least one).</summary>
    public MaxOfRateLimiter(params IRateLimiter<TKey>[] limiters)
    {
        ArgumentOutOfRangeException.ThrowIfZero(limiters.Length);
        _limiters = [.. limiters];
    }

    /// <summary>The combined limiters.</summary>
    public IReadOnlyList<IRateLimiter<TKey>> Limiters => _limiters;

    /// <inheritdoc/>
    public TimeSpan When(TKey item)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in _limiters)
        {
            // Every limiter must see the failure (each counts it), so no short-circuit.
            var delay = limiter.When(item);
            if (delay > longest)
            {
                longest = delay;
            }
        }

        return longest;
    }

    /// <inheritdoc/>
    public void Forget(TKey item)
    {
        foreach (var limiter in _limiters)
        {
            limiter.Forget(item);
        }
    }

    /// <inheritdoc/>
    public int NumRequeues(TKey item) => _limiters.Max(l => l.NumRequeues(item));
}
