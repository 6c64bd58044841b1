namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// Decides how long a key waits before it is retried (client-go's <c>workqueue.TypedRateLimiter</c>). Implementations
/// are thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IRateLimiter<in TKey>
    where TKey : notnull
{
    /// <summary>The delay for the next retry of <paramref name="item"/>; mutates the limiter (counts the failure or takes a token).</summary>
    TimeSpan When(TKey item);

    /// <summary>Forgets <paramref name="item"/>: its next <see cref="When"/> starts from the first delay again.</summary>
    void Forget(TKey item);

    /// <summary>How many failures of <paramref name="item"/> the limiter is tracking; does not mutate.</summary>
    int NumRequeues(TKey item);
}
