namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// An overall rate limit shared by every key (client-go's <c>BucketRateLimiter</c>): each retry takes a token from
/// one <see cref="TokenBucket"/> and waits until the token is covered. Keeps no per-key state. Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class BucketRateLimiter<TKey>(TokenBucket bucket) : IRateLimiter<TKey>
    where TKey : notnull
{
    /// <summary>The shared bucket.</summary>
    public TokenBucket Bucket { get; } = bucket;

    /// <inheritdoc/>
    public TimeSpan When(TKey item) => Bucket.Reserve();

    /// <inheritdoc/>
    /// <remarks>A no-op: the bucket has no per-key state.</remarks>
    public void Forget(TKey item)
    {
    }

    /// <inheritdoc/>
    /// <remarks>Always 0: the bucket has no per-key state.</remarks>
    public int NumRequeues(TKey item) => 0;
}
