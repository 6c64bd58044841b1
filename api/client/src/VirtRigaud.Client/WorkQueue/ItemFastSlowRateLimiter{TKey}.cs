namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// A fixed fast delay for the first <c>maxFastAttempts</c> failures of a key and a fixed slow delay after that
/// (client-go's <c>ItemFastSlowRateLimiter</c>): for polling that should back off once, not exponentially. Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class ItemFastSlowRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, int> _failures = [];

    /// <summary>Creates the limiter.</summary>
    public ItemFastSlowRateLimiter(TimeSpan fastDelay, TimeSpan slowDelay, int maxFastAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(slowDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFastAttempts);
        FastDelay = fastDelay;
        SlowDelay = slowDelay;
        MaxFastAttempts = maxFastAttempts;
    }

    /// <summary>The delay of the first <see cref="MaxFastAttempts"/> failures.</summary>
    public TimeSpan FastDelay { get; }

    /// <summary>The delay of every later failure.</summary>
    public TimeSpan SlowDelay { get; }

    /// <summary>How many failures get <see cref="FastDelay"/>.</summary>
    public int MaxFastAttempts { get; }

    /// <inheritdoc/>
    public TimeSpan When(TKey item)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures.GetValueOrDefault(item);
            failures = failures == int.MaxValue ? failures : failures + 1;
            _failures[item] = failures;
        }

        return failures <= MaxFastAttempts ? FastDelay : SlowDelay;
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
