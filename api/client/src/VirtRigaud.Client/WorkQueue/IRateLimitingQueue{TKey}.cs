namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// A delaying queue whose re-adds are paced by an <see cref="IRateLimiter{TKey}"/> (client-go's
/// <c>workqueue.TypedRateLimitingInterface</c>). A reconcile that fails calls <see cref="AddRateLimited"/>; one that
/// succeeds calls <see cref="Forget"/> so the key's back-off starts over.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IRateLimitingQueue<TKey> : IDelayingQueue<TKey>
    where TKey : notnull
{
    /// <summary>Adds <paramref name="item"/> after the delay the rate limiter gives it now (and counts a retry).</summary>
    void AddRateLimited(TKey item);

    /// <summary>Clears the rate limiter's memory of <paramref name="item"/> (its failure count). Does not remove it from the queue.</summary>
    void Forget(TKey item);

    /// <summary>How many times <paramref name="item"/> was re-added with <see cref="AddRateLimited"/> since its last <see cref="Forget"/>.</summary>
    int NumRequeues(TKey item);
}
