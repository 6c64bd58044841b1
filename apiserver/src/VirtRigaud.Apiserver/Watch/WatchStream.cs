using System.Globalization;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// One established watch: enumerate it once for its events; dispose it to unregister (enumerating to the end or
/// breaking out disposes it too). Events come in resourceVersion order:
/// <list type="number">
/// <item>the initial ADDED events, when asked for, and the <c>k8s.io/initial-events-end</c> BOOKMARK after them when
/// <c>sendInitialEvents=true</c> was asked for (also for an empty collection);</item>
/// <item>the changes after the start revision that pass the selectors, with kube-apiserver's transitions (an object
/// entering the selection is ADDED, one leaving it is DELETED), and periodic BOOKMARKs when allowed.</item>
/// </list>
/// The enumeration ends without an error when the cancellation token (the one given to the open or to the enumeration)
/// fires, or when the cache terminated the watch (too slow, or the cache relisted); the client then re-watches from the
/// last resourceVersion it saw. Event objects are shared with other watchers: never mutate them.
/// </summary>
public sealed class WatchStream : IAsyncEnumerable<ObjectEvent>, IAsyncDisposable
{
    private const string InitialEventsEndAnnotation = "k8s.io/initial-events-end";

    private readonly WatchCache _cache;
    private readonly CacheWatcher _watcher;
    private readonly Func<CachedObject, bool>? _filter;
    private readonly IEnumerable<CachedObject>? _initial;
    private readonly List<WatchCacheEvent> _backlog;
    private readonly bool _initialEventsEnd;
    private readonly bool _allowBookmarks;
    private readonly CancellationToken _openToken;
    private int _enumerated;

    internal WatchStream(
        WatchCache cache,
        CacheWatcher watcher,
        WatchRequest request,
        IEnumerable<CachedObject>? initial,
        List<WatchCacheEvent> backlog,
        long startRevision,
        CancellationToken openToken)
    {
        _cache = cache;
        _watcher = watcher;
        _filter = request.Filter;
        _initial = initial;
        _backlog = backlog;
        _initialEventsEnd = request.InitialEventsEndBookmark && initial is not null;
        _allowBookmarks = request.AllowBookmarks;
        _openToken = openToken;
        StartRevision = startRevision;
    }

    /// <summary>The revision the watch starts after (the revision of the initial state, when there is one).</summary>
    public long StartRevision { get; }

    /// <inheritdoc/>
    public async IAsyncEnumerator<ObjectEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A watch stream can be enumerated once.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_openToken, cancellationToken);
        var token = linked.Token;
        var last = StartRevision;
        try
        {
            if (_initial is not null)
            {
                var count = 0;
                foreach (var cached in _initial)
                {
                    if (++count % 256 == 0 && token.IsCancellationRequested)
                    {
                        yield break;
                    }

                    if (InNamespace(cached.Namespace) && (_filter is null || _filter(cached)))
                    {
                        yield return cached.Added;
                    }
                }

                if (_initialEventsEnd)
                {
                    yield return Bookmark(last, initialEventsEnd: true);
                }
            }

            foreach (var change in _backlog)
            {
                if (token.IsCancellationRequested)
                {
                    yield break;
                }

                last = change.Revision;
                // The window holds every namespace's events; live events are routed per namespace, replayed ones are not.
                if (InNamespace(change.Namespace) && change.ToObjectEvent(_filter) is { } backlogEvent)
                {
                    yield return backlogEvent;
                }
            }

            _backlog.Clear();
            while (await NextAsync(token) is { } next)
            {
                if (next.IsBookmark)
                {
                    last = Math.Max(last, next.Revision);
                    if (_allowBookmarks)
                    {
                        yield return Bookmark(last, initialEventsEnd: false);
                    }

                    continue;
                }

                last = next.Revision;
                if (next.ToObjectEvent(_filter) is { } liveEvent)
                {
                    yield return liveEvent;
                }
            }
        }
        finally
        {
            _cache.Unregister(_watcher);
        }
    }

    /// <summary>Unregisters the watch (idempotent).</summary>
    public ValueTask DisposeAsync()
    {
        _cache.Unregister(_watcher);
        return ValueTask.CompletedTask;
    }

    private bool InNamespace(string ns) =>
        _watcher.Namespace.Length == 0 || string.Equals(_watcher.Namespace, ns, StringComparison.Ordinal);

    private async ValueTask<WatchCacheEvent?> NextAsync(CancellationToken cancellationToken)
    {
        var reader = _watcher.Reader;
        while (true)
        {
            if (reader.TryRead(out var next))
            {
                return next;
            }

            try
            {
                if (!await reader.WaitToReadAsync(cancellationToken))
                {
                    return null;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>A BOOKMARK: only apiVersion, kind and metadata.resourceVersion (plus the initial-events-end annotation).</summary>
    private ObjectEvent Bookmark(long revision, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { [InitialEventsEndAnnotation] = "true" };
        }

        var kind = _cache.Kind;
        var obj = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = metadata,
        };
        return new ObjectEvent(WatchEventType.Bookmark, obj, revision);
    }
}
