using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Storage;
using StateMap = System.Collections.Immutable.ImmutableSortedDictionary<string, VirtRigaud.Apiserver.Watch.CachedObject>;

namespace VirtRigaud.Apiserver.Watch;

public sealed partial class WatchCache
{
    /// <summary>
    /// Registers a watch and returns its stream; everything that can fail before the first event fails here.
    /// <list type="table">
    /// <item><term>rv unset</term><description>initial ADDED events of a state at least as new as the store when the request arrived, then changes</description></item>
    /// <item><term>rv "0"</term><description>initial ADDED events of the cached state, then changes</description></item>
    /// <item><term>rv N</term><description>the changes after N, from the window (410 Expired when N is older than it)</description></item>
    /// <item><term>sendInitialEvents=true</term><description>initial ADDED events of a state at least as new as rv (or the store, when unset), then the initial-events-end bookmark</description></item>
    /// <item><term>sendInitialEvents=false</term><description>no initial events; changes after rv (after the newest state when rv is unset or "0")</description></item>
    /// </list>
    /// When the cache has not reached the state asked for, the initial state is read from storage (reusing every
    /// cached object whose revision is unchanged) and the watcher is registered at that state's revision: the changes
    /// after it reach it as the cache catches up, so no request waits for the cache.
    /// </summary>
    /// <exception cref="StatusException">
    /// 410 Expired (<c>too old resource version: N (M)</c>); 504 Timeout with cause <c>ResourceVersionTooLarge</c> when N
    /// is newer than the store after <see cref="WatchCacheOptions.TooLargeWait"/>; 429 while the cache is (re)listing
    /// for longer than <see cref="WatchCacheOptions.ReadyWait"/>.
    /// </exception>
    /// <exception cref="StorageException">Reading the store failed (the caller maps it to a Status).</exception>
    internal async Task<WatchStream> OpenAsync(WatchRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await WaitReadyAsync(cancellationToken);

        // The revision the initial state must have reached, if any.
        long? fresh = request.ResourceVersion switch
        {
            null => await _storage.GetCurrentRevisionAsync(cancellationToken),
            0 => null,
            var n => n,
        };

        if (request.ResourceVersion is { } requested && requested > 0)
        {
            await EnsureNotTooLargeAsync(requested, cancellationToken);
        }

        List<CachedObject>? read = null;
        long readRevision = 0;
        if (request.SendInitialEvents && fresh is { } needed && Revision < needed)
        {
            (read, readRevision) = await ReadStateAsync(request.Namespace, cancellationToken);
        }

        lock (_gate)
        {
            if (!_ready)
            {
                throw Initializing();
            }

            IEnumerable<CachedObject>? initial = null;
            var backlog = new List<WatchCacheEvent>();
            long start;
            if (request.SendInitialEvents)
            {
                // The cache may have overtaken the state read from storage meanwhile; the newer one serves better.
                (initial, start) = read is not null && readRevision > _revision ? (read, readRevision) : (_state.Values, _revision);
            }
            else if (request.ResourceVersion is { } rv && rv > 0)
            {
                start = rv;
                if (!_window.TryCollectAfter(rv, backlog))
                {
                    throw StatusException.Expired($"too old resource version: {rv} ({_window.OldestServable})");
                }
            }
            else
            {
                start = Math.Max(_revision, fresh ?? 0);
            }

            var now = _time.GetUtcNow();
            var watcher = new CacheWatcher(request.Namespace, start, request.AllowBookmarks, now + request.Timeout, _options.WatcherBufferSize, _options.BookmarkInterval, now);
            _watchers.Add(watcher);
            return new WatchStream(this, watcher, request, initial, backlog, start, cancellationToken);
        }
    }

    /// <summary>
    /// The cached objects of <paramref name="ns"/> (all namespaces when empty) that pass <paramref name="filter"/>, in key
    /// order, and the revision of that state; false when the cache is not ready or has not reached
    /// <paramref name="minimumRevision"/> (the caller reads storage instead). The objects are shared: never mutate them.
    /// </summary>
    internal bool TryList(string ns, Func<CachedObject, bool>? filter, long minimumRevision, out List<JsonObject> items, out long revision)
    {
        ImmutableSnapshot snapshot;
        lock (_gate)
        {
            snapshot = new ImmutableSnapshot(_state, _revision);
            if (!_ready || _revision < minimumRevision)
            {
                items = [];
                revision = 0;
                return false;
            }
        }

        items = [];
        foreach (var cached in snapshot.State.Values)
        {
            if ((ns.Length == 0 || string.Equals(ns, cached.Namespace, StringComparison.Ordinal)) && (filter is null || filter(cached)))
            {
                items.Add(cached.Object);
            }
        }

        revision = snapshot.Revision;
        return true;
    }

    /// <summary>
    /// The cached object at <paramref name="key"/> (null in <paramref name="found"/> when it does not exist); false when the
    /// cache is not ready or has not reached <paramref name="minimumRevision"/>. The object is shared: never mutate it.
    /// </summary>
    internal bool TryGet(string key, long minimumRevision, out JsonObject? found)
    {
        lock (_gate)
        {
            found = null;
            if (!_ready || _revision < minimumRevision)
            {
                return false;
            }

            found = _state.TryGetValue(key, out var cached) ? cached.Object : null;
            return true;
        }
    }

    /// <summary>kube-apiserver's answer to a request for a revision newer than the store (storage.NewTooLargeResourceVersionError).</summary>
    internal static StatusException TooLargeResourceVersion(long requested, long current) =>
        TooLargeResourceVersion($"Too large resource version: {requested}, current: {current}");

    /// <summary>
    /// 504 Timeout <c>Timeout: {message}</c>, retry after 1 s, with the <c>ResourceVersionTooLarge</c> cause client-go's
    /// <c>IsTooLargeResourceVersion</c> looks for; <paramref name="message"/> is the store's
    /// <c>Too large resource version: N, current: M</c>.
    /// </summary>
    internal static StatusException TooLargeResourceVersion(string message)
    {
        var status = StatusException.Timeout(message, 1).Status;
        return new StatusException(status with
        {
            Details = (status.Details ?? new StatusDetails()) with
            {
                Causes = [new StatusCause { Reason = "ResourceVersionTooLarge", Message = "Too large resource version" }],
            },
        });
    }

    private static StatusException Initializing() => StatusException.TooManyRequests("storage is (re)initializing", 1);

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        if (!await WaitForAsync(() => _ready, _options.ReadyWait, cancellationToken))
        {
            throw Initializing();
        }
    }

    /// <summary>
    /// A revision the cache has not reached is fine when the store has (the cache will get there); one newer than the
    /// store gets a short grace for writes in flight, then 504.
    /// </summary>
    private async Task EnsureNotTooLargeAsync(long requested, CancellationToken cancellationToken)
    {
        if (Revision >= requested)
        {
            return;
        }

        var current = await _storage.GetCurrentRevisionAsync(cancellationToken);
        if (requested <= current)
        {
            return;
        }

        if (await WaitForAsync(() => _revision >= requested, _options.TooLargeWait, cancellationToken))
        {
            return;
        }

        current = await _storage.GetCurrentRevisionAsync(cancellationToken);
        if (requested > current)
        {
            throw TooLargeResourceVersion(requested, current);
        }
    }

    /// <summary>
    /// The newest state of a namespace (or all) read from storage, in key order, reusing the cached object for every key
    /// whose revision the cache already has, so only what changed since is decoded.
    /// </summary>
    private async Task<(List<CachedObject> Items, long Revision)> ReadStateAsync(string ns, CancellationToken cancellationToken)
    {
        var list = await _storage.ListAsync(Keys.Prefix(ns), new ListOptions(), cancellationToken);
        StateMap state;
        lock (_gate)
        {
            state = _state;
        }

        var items = new List<CachedObject>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (state.TryGetValue(item.Key, out var cached) && cached.Revision == item.Revision)
            {
                items.Add(cached);
            }
            else if (TryDecode(item.Key, item.Value, item.Revision) is { } decoded)
            {
                items.Add(decoded);
            }
        }

        return (items, list.Revision);
    }

    private readonly record struct ImmutableSnapshot(StateMap State, long Revision);
}
