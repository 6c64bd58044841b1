namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// A <see cref="WorkQueue{TKey}"/> whose retries are paced by an <see cref="IRateLimiter{TKey}"/> (client-go's
/// rate-limiting queue). Controllers use it with <see cref="RateLimiters.DefaultController{TKey}"/>:
/// <code>
/// var queue = new RateLimitingQueue&lt;string&gt;(RateLimiters.DefaultController&lt;string&gt;(), new WorkQueueOptions { Name = "virtualmachine" });
/// // worker: on error queue.AddRateLimited(key); on success queue.Forget(key); always queue.Done(key).
/// </code>
/// Thread-safe; see <see cref="WorkQueue{TKey}"/> for the queue's semantics.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class RateLimitingQueue<TKey> : IRateLimitingQueue<TKey>
    where TKey : notnull
{
    private readonly WorkQueue<TKey> _queue;

    /// <summary>Creates an empty queue paced by <paramref name="rateLimiter"/>.</summary>
    public RateLimitingQueue(IRateLimiter<TKey> rateLimiter, WorkQueueOptions? options = null)
    {
        RateLimiter = rateLimiter;
        _queue = new WorkQueue<TKey>(options);
    }

    /// <summary>The limiter that decides retry delays.</summary>
    public IRateLimiter<TKey> RateLimiter { get; }

    /// <summary>The underlying queue (its delayed and processing counts, its name).</summary>
    public WorkQueue<TKey> Queue => _queue;

    /// <inheritdoc/>
    public int Count => _queue.Count;

    /// <inheritdoc/>
    public bool ShuttingDown => _queue.ShuttingDown;

    /// <inheritdoc/>
    public void Add(TKey item) => _queue.Add(item);

    /// <inheritdoc/>
    public void AddAfter(TKey item, TimeSpan delay) => _queue.AddAfter(item, delay);

    /// <inheritdoc/>
    public void AddRateLimited(TKey item)
    {
        _queue.RecordRetry();
        _queue.AddAfter(item, RateLimiter.When(item));
    }

    /// <inheritdoc/>
    public void Forget(TKey item) => RateLimiter.Forget(item);

    /// <inheritdoc/>
    public int NumRequeues(TKey item) => RateLimiter.NumRequeues(item);

    /// <inheritdoc/>
    public ValueTask<(TKey Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken) => _queue.GetAsync(cancellationToken);

    /// <inheritdoc/>
    public void Done(TKey item) => _queue.Done(item);

    /// <inheritdoc/>
    public void ShutDown() => _queue.ShutDown();

    /// <inheritdoc/>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken) => _queue.ShutDownWithDrainAsync(cancellationToken);
}
