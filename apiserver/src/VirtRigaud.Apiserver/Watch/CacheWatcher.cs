using System.Threading.Channels;

namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// The cache's side of one watch: which changes it wants and the bounded queue the cache puts them in. The cache writes
/// to the queue under its lock (one writer at a time) and never waits on it; the watch's enumeration reads it.
/// </summary>
internal sealed class CacheWatcher
{
    private readonly Channel<WatchCacheEvent> _queue;
    private readonly DateTimeOffset? _deadline;
    private readonly TimeSpan _bookmarkInterval;

    public CacheWatcher(string ns, long startRevision, bool allowBookmarks, DateTimeOffset? deadline, int bufferSize, TimeSpan bookmarkInterval, DateTimeOffset now)
    {
        Namespace = ns;
        StartRevision = startRevision;
        AllowBookmarks = allowBookmarks;
        _deadline = deadline;
        _bookmarkInterval = bookmarkInterval;
        _queue = Channel.CreateBounded<WatchCacheEvent>(new BoundedChannelOptions(bufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        ScheduleBookmark(now);
    }

    /// <summary>The namespace watched; empty for all namespaces.</summary>
    public string Namespace { get; }

    /// <summary>Only changes after this revision are queued.</summary>
    public long StartRevision { get; }

    /// <summary>Whether the watch asked for bookmarks.</summary>
    public bool AllowBookmarks { get; }

    /// <summary>When the next periodic bookmark is due; <see cref="DateTimeOffset.MaxValue"/> when none is.</summary>
    public DateTimeOffset NextBookmark { get; private set; }

    /// <summary>Set when the cache dropped the watcher (too slow, or the cache relisted); the queue is then completed.</summary>
    public bool Terminated { get; private set; }

    public ChannelReader<WatchCacheEvent> Reader => _queue.Reader;

    /// <summary>
    /// Queues a change if the watcher wants it. Returns false only when the watcher wants it but its queue is full: the
    /// caller then terminates the watcher.
    /// </summary>
    public bool Offer(WatchCacheEvent change)
    {
        if (change.Revision <= StartRevision || (Namespace.Length != 0 && !string.Equals(Namespace, change.Namespace, StringComparison.Ordinal)))
        {
            return true;
        }

        return _queue.Writer.TryWrite(change);
    }

    /// <summary>
    /// Queues a bookmark marker if one is due at <paramref name="now"/>; a full queue just skips it (the watcher is
    /// behind anyway, and the next change decides whether it is too slow).
    /// </summary>
    public void OfferBookmark(WatchCacheEvent marker, DateTimeOffset now)
    {
        if (!AllowBookmarks || now < NextBookmark)
        {
            return;
        }

        _queue.Writer.TryWrite(marker);
        ScheduleBookmark(now);
    }

    /// <summary>Ends the queue: the enumeration delivers what is buffered and then ends.</summary>
    public void Terminate()
    {
        Terminated = true;
        _queue.Writer.TryComplete();
    }

    // kube-apiserver's cacheWatcher.nextBookmarkTime: every interval, but 2 s before the watch's timeout if that is sooner.
    private void ScheduleBookmark(DateTimeOffset now)
    {
        var next = now + _bookmarkInterval;
        if (_deadline is { } deadline)
        {
            var beforeTimeout = deadline - TimeSpan.FromSeconds(2);
            if (beforeTimeout < next)
            {
                next = beforeTimeout > now ? beforeTimeout : DateTimeOffset.MaxValue;
            }
        }

        NextBookmark = next;
    }
}
