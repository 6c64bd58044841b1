namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// A de-duplicating FIFO of keys with a processing set (client-go's <c>workqueue.TypedInterface</c>): a key added
/// while it waits is stored once; a key handed to a worker by <see cref="GetAsync"/> is not handed to another worker
/// until that worker calls <see cref="Done"/>, and if it was added again meanwhile it is queued once more at Done.
/// </summary>
/// <remarks>
/// Every member is thread-safe. The usual worker loop (level-based: the key is re-read from an informer cache):
/// <code>
/// while (true)
/// {
///     var (key, shutdown) = await queue.GetAsync(cancellationToken);
///     if (shutdown) return;
///     try { await ReconcileAsync(key, cancellationToken); }
///     finally { queue.Done(key); }
/// }
/// </code>
/// </remarks>
/// <typeparam name="TKey">The key type, e.g. <c>string</c> (<c>namespace/name</c>).</typeparam>
public interface IWorkQueue<TKey>
    where TKey : notnull
{
    /// <summary>The number of keys waiting to be handed out (not those being processed or delayed).</summary>
    int Count { get; }

    /// <summary>Whether <see cref="ShutDown"/> or <see cref="ShutDownWithDrainAsync"/> was called.</summary>
    bool ShuttingDown { get; }

    /// <summary>
    /// Queues <paramref name="item"/> unless it is already waiting; if a worker is processing it, it is queued again when
    /// that worker calls <see cref="Done"/>. Ignored after shutdown. Mutates the queue; never blocks.
    /// </summary>
    void Add(TKey item);

    /// <summary>
    /// Waits for a key and marks it as being processed; the caller must call <see cref="Done"/> for it (in a
    /// <c>finally</c>). Keys still queued at shutdown are handed out first; then the result is <c>(default, true)</c>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    ValueTask<(TKey Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken);

    /// <summary>Ends the processing of <paramref name="item"/>; re-queues it if it was added meanwhile.</summary>
    void Done(TKey item);

    /// <summary>
    /// Stops accepting keys and wakes every waiting <see cref="GetAsync"/>; keys already queued are still handed out.
    /// Returns at once. Idempotent.
    /// </summary>
    void ShutDown();

    /// <summary>
    /// Like <see cref="ShutDown"/>, then waits until the workers have taken every queued key and called
    /// <see cref="Done"/> for every key in processing (client-go's <c>ShutDownWithDrain</c>). Delayed keys are dropped.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the queue drained.</exception>
    Task ShutDownWithDrainAsync(CancellationToken cancellationToken);
}
