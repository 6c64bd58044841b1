namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// Per-key exponential back-off (client-go's <c>ItemExponentialFailureRateLimiter</c>): the n-th failure of a key
/// (counting from 0) waits <c>baseDelay × 2ⁿ</c>, capped at <c>maxDelay</c>; <see cref="Forget"/> resets the key.
/// Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class ItemExponentialFailureRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, int> _failures = [];

    /// <summary>Creates the limiter.</summary>
    /// <param name="baseDelay">The first delay (client-go's controller default: 5 ms).</param>
    /// <param name="maxDelay">The cap (client-go's controller default: 1000 s).</param>
    public ItemExponentialFailureRateLimiter(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>The first delay.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The longest delay.</summary>
    public TimeSpan MaxDelay { get; }

    /// <inheritdoc/>
    public TimeSpan When(TKey item)
    {
        int exponent;
        lock (_gate)
        {
            _failures.TryGetValue(item, out exponent);
            _failures[item] = exponent == int.MaxValue ? exponent : exponent + 1;
        }

        // Computed in floating point, like client-go, so a large exponent saturates at the cap instead of overflowing.
        var ticks = BaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <inheritdoc/>
    public void Forget(TKey item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    /// <inheritdoc/>
    public int NumRequeues(TKey item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}
