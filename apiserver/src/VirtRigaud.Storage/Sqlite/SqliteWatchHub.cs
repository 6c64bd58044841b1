namespace VirtRigaud.Storage.Sqlite;

/// <summary>
/// Fans committed writes out to the live watches of this process. <see cref="Publish"/> is called by the single writer,
/// after each commit and in revision order, so every subscription sees events in revision order. Publishing never
/// waits for a watcher.
/// </summary>
internal sealed class SqliteWatchHub
{
    private readonly Lock _gate = new();
    private SqliteWatchSubscription[] _subscriptions = [];
    private long _publishedRevision;
    private bool _closed;

    /// <summary>
    /// The revision of the last published event: every event up to it has been offered to every subscription that
    /// existed when it was published (used for progress notifications).
    /// </summary>
    public long PublishedRevision => Volatile.Read(ref _publishedRevision);

    public SqliteWatchSubscription Subscribe(string key, bool recursive, int capacity)
    {
        var subscription = new SqliteWatchSubscription(key, recursive, capacity);
        lock (_gate)
        {
            if (_closed)
            {
                subscription.Close();
            }
            else
            {
                _subscriptions = [.. _subscriptions, subscription];
            }
        }

        return subscription;
    }

    public void Unsubscribe(SqliteWatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, subscription));
        }
    }

    /// <summary>Offers one committed event to every matching subscription; a subscription whose buffer is full is dropped.</summary>
    public void Publish(StorageEvent storageEvent)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Matches(storageEvent.Key) && !subscription.TryWrite(storageEvent))
            {
                Unsubscribe(subscription);
            }
        }

        Volatile.Write(ref _publishedRevision, storageEvent.Revision);
    }

    /// <summary>Ends every subscription (the store is closing); later subscriptions start closed.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.Close();
            }

            _subscriptions = [];
        }
    }
}
