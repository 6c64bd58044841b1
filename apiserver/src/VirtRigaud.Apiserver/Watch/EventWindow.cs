namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// The recent changes of one resource, oldest first, from which watches resume (kube-apiserver's watchCache ring
/// buffer). Not thread-safe: the <see cref="WatchCache"/> uses it under its lock.
/// </summary>
/// <remarks>
/// The window starts empty at the revision of the cache's list. Events are appended in revision order and dropped from
/// the front when there are more than the capacity, or when they are older than the retention and more than the
/// minimum remain. <see cref="OldestServable"/> is the oldest revision a watch may start after: a watch from N needs
/// every event after N, which the window has exactly when N ≥ OldestServable.
/// <code>
/// nothing dropped since the list   OldestServable = list revision
/// events dropped, window non-empty OldestServable = first event's revision − 1   (as kube-apiserver: oldest − 1)
/// events dropped, window empty     OldestServable = last dropped event's revision
/// </code>
/// The buffer grows by doubling up to the capacity, so an idle resource does not hold a 100k-slot array.
/// </remarks>
internal sealed class EventWindow(int capacity, int minimum, TimeSpan retention)
{
    private WatchCacheEvent[] _buffer = new WatchCacheEvent[Math.Min(capacity, 64)];
    private int _start;
    private int _count;
    private long _listRevision;
    private long _lastDropped = -1;

    /// <summary>How many events the window holds.</summary>
    public int Count => _count;

    /// <summary>The oldest revision a watch may resume from (see the remarks).</summary>
    public long OldestServable =>
        _lastDropped < 0 ? _listRevision : _count > 0 ? this[0].Revision - 1 : _lastDropped;

    private WatchCacheEvent this[int index] => _buffer[(_start + index) % _buffer.Length];

    /// <summary>Empties the window after a (re)list at <paramref name="listRevision"/>.</summary>
    public void Reset(long listRevision)
    {
        Array.Clear(_buffer);
        _start = 0;
        _count = 0;
        _listRevision = listRevision;
        _lastDropped = -1;
    }

    /// <summary>Appends an event (revisions must increase) and drops what no longer fits.</summary>
    public void Add(WatchCacheEvent change)
    {
        if (_count == capacity)
        {
            DropFirst();
        }

        if (_count == _buffer.Length)
        {
            Grow();
        }

        _buffer[(_start + _count) % _buffer.Length] = change;
        _count++;
        DropExpired(change.Recorded);
    }

    /// <summary>Drops events older than the retention while more than the minimum remain.</summary>
    public void DropExpired(DateTimeOffset now)
    {
        var cutoff = now - retention;
        while (_count > minimum && this[0].Recorded < cutoff)
        {
            DropFirst();
        }
    }

    /// <summary>
    /// Appends every event after <paramref name="revision"/> to <paramref name="into"/>, oldest first. Returns false
    /// (and appends nothing) when the window no longer has all of them: <paramref name="revision"/> is before
    /// <see cref="OldestServable"/>.
    /// </summary>
    public bool TryCollectAfter(long revision, List<WatchCacheEvent> into)
    {
        if (revision < OldestServable)
        {
            return false;
        }

        // Binary search for the first event after the revision.
        int low = 0, high = _count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (this[mid].Revision <= revision)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        for (var i = low; i < _count; i++)
        {
            into.Add(this[i]);
        }

        return true;
    }

    private void DropFirst()
    {
        _lastDropped = this[0].Revision;
        _buffer[_start] = null!;
        _start = (_start + 1) % _buffer.Length;
        _count--;
    }

    private void Grow()
    {
        var bigger = new WatchCacheEvent[Math.Min(capacity, _buffer.Length * 2)];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = this[i];
        }

        _buffer = bigger;
        _start = 0;
    }
}
