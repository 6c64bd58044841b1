namespace VirtRigaud.Client.WorkQueue;

/// <summary>Ready-made rate limiters with client-go's defaults.</summary>
public static class RateLimiters
{
    /// <summary>The first per-key back-off of the default controller limiter (client-go: 5 ms).</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest per-key back-off of the default controller limiter (client-go: 1000 s).</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    /// <summary>The overall retry rate of the default controller limiter (client-go: 10 per second).</summary>
    public const double DefaultOverallQps = 10;

    /// <summary>The overall retry burst of the default controller limiter (client-go: 100).</summary>
    public const int DefaultOverallBurst = 100;

    /// <summary>
    /// client-go's <c>DefaultTypedControllerRateLimiter</c>: the longer of a per-key exponential back-off
    /// (5 ms doubling up to 1000 s) and an overall token bucket (10 retries per second, burst 100).
    /// </summary>
    /// <param name="time">The clock of the token bucket; <see cref="TimeProvider.System"/> when null.</param>
    public static IRateLimiter<TKey> DefaultController<TKey>(TimeProvider? time = null)
        where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ItemExponentialFailureRateLimiter<TKey>(DefaultBaseDelay, DefaultMaxDelay),
            new BucketRateLimiter<TKey>(new TokenBucket(DefaultOverallQps, DefaultOverallBurst, time)));
}
