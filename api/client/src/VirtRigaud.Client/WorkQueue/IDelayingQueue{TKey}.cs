namespace VirtRigaud.Client.WorkQueue;

/// <summary>A work queue that can also add a key later (client-go's <c>workqueue.TypedDelayingInterface</c>).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IDelayingQueue<TKey> : IWorkQueue<TKey>
    where TKey : notnull
{
    /// <summary>
    /// Adds <paramref name="item"/> once <paramref name="delay"/> has passed (at once when it is zero or negative). A key
    /// already waiting for a later time is moved to the earlier one; a key waiting for an earlier time keeps it.
    /// Ignored after shutdown. Never blocks.
    /// </summary>
    void AddAfter(TKey item, TimeSpan delay);
}
