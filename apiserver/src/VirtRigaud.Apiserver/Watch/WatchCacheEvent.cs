using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// One change the watch cache saw, kept in the window and handed to every watcher of its namespace; or a bookmark
/// marker (<see cref="StorageEventType.Progress"/>) the cache puts into the queues of watchers that are due one.
/// Immutable apart from the lazily created, shared transition events.
/// </summary>
internal sealed class WatchCacheEvent
{
    private readonly ObjectEvent? _natural;
    private ObjectEvent? _modified;
    private ObjectEvent? _deleted;

    private WatchCacheEvent(StorageEventType type, long revision, string ns, CachedObject? current, CachedObject? previous, DateTimeOffset recorded)
    {
        Type = type;
        Revision = revision;
        Namespace = ns;
        Current = current;
        Previous = previous;
        Recorded = recorded;
        if (current is not null && type is StorageEventType.Modified or StorageEventType.Deleted)
        {
            _natural = new ObjectEvent(type == StorageEventType.Modified ? WatchEventType.Modified : WatchEventType.Deleted, current.Object, revision);
        }
    }

    /// <summary>Added, modified, deleted; progress for a bookmark marker.</summary>
    public StorageEventType Type { get; }

    /// <summary>The revision of the change (the cache's revision for a bookmark marker).</summary>
    public long Revision { get; }

    /// <summary>The namespace of the object (empty for markers).</summary>
    public string Namespace { get; }

    /// <summary>The new state; for a deletion the last state with the deletion's resourceVersion; null for markers.</summary>
    public CachedObject? Current { get; }

    /// <summary>The state before the change, when the cache had one.</summary>
    public CachedObject? Previous { get; }

    /// <summary>When the cache recorded the change (drives time-based eviction from the window).</summary>
    public DateTimeOffset Recorded { get; }

    /// <summary>True for a bookmark marker.</summary>
    public bool IsBookmark => Type == StorageEventType.Progress;

    public static WatchCacheEvent Change(StorageEventType type, CachedObject current, CachedObject? previous, DateTimeOffset recorded) =>
        new(type, current.Revision, current.Namespace, current, previous, recorded);

    public static WatchCacheEvent Bookmark(long revision, DateTimeOffset recorded) =>
        new(StorageEventType.Progress, revision, string.Empty, null, null, recorded);

    /// <summary>
    /// The event a watcher with <paramref name="filter"/> sees, or null when the change is invisible to it. This is
    /// kube-apiserver's cacher rule (cacheWatcher.convertToWatchEvent):
    /// <code>
    /// new state matches  old state matches  sent
    /// yes                no / none          ADDED    (new state)
    /// yes                yes                MODIFIED (new state)
    /// no / deleted       yes                DELETED  (old state, carrying this change's resourceVersion)
    /// no / deleted       no / none          nothing
    /// </code>
    /// The returned events are shared by all watchers; never mutate them.
    /// </summary>
    public ObjectEvent? ToObjectEvent(Func<CachedObject, bool>? filter)
    {
        var current = Current!;
        var old = Type == StorageEventType.Deleted ? Previous ?? current : Previous;
        var currentPasses = Type != StorageEventType.Deleted && (filter is null || filter(current));
        var oldPasses = old is not null && (filter is null || filter(old));
        return (currentPasses, oldPasses) switch
        {
            (true, false) => current.Added,
            (true, true) => ModifiedEvent(current),
            (false, true) => DeletedEvent(old!),
            _ => null,
        };
    }

    private ObjectEvent ModifiedEvent(CachedObject current) =>
        Type == StorageEventType.Modified
            ? _natural!
            : _modified ?? Interlocked.CompareExchange(ref _modified, new ObjectEvent(WatchEventType.Modified, current.Object, Revision), null) ?? _modified;

    private ObjectEvent DeletedEvent(CachedObject old)
    {
        if (Type == StorageEventType.Deleted)
        {
            return _natural!;
        }

        // The object left the selection: the old state, stamped with this change's resourceVersion, as the cacher does.
        return _deleted ?? Interlocked.CompareExchange(
            ref _deleted,
            new ObjectEvent(WatchEventType.Deleted, old.WithRevision(Revision).Object, Revision),
            null) ?? _deleted;
    }
}
