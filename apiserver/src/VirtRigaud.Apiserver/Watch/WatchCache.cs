using System.Collections.Immutable;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// The in-memory copy of one resource that serves its watches and its <c>resourceVersion=0</c> lists and gets, like
/// kube-apiserver's Cacher + watchCache: it lists the resource's prefix from <see cref="IStorage"/>, then watches the
/// prefix from that revision and keeps
/// <list type="bullet">
/// <item>the current objects by storage key (<see cref="CachedObject"/>: decoded once, resourceVersion set, shared
/// read-only by every reader — nobody may mutate them),</item>
/// <item>the cache's revision (the last change or storage progress notification seen),</item>
/// <item>a window of recent changes (<see cref="EventWindow"/>) from which a watch can resume at any revision still
/// in it, and</item>
/// <item>the registered watchers, each with a bounded queue.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// <b>Fan-out.</b> One loop applies storage events in revision order. Under the cache's lock it updates the state and
/// the window and offers the change to every watcher of the change's namespace with a non-blocking write to the
/// watcher's bounded queue: one queue write per watcher per change, no task, no waiting. Selector filtering and JSON
/// encoding happen on the watcher's own enumeration, outside the lock. The <see cref="Api.Machinery.WatchEventType"/>
/// events handed out are shared instances (<see cref="WatchCacheEvent.ToObjectEvent"/>), so an encoder that caches per
/// event instance (<see cref="WatchEventJson"/>) serializes each change once for all watchers.
/// </para>
/// <para>
/// <b>Slow watchers.</b> A watcher whose queue (<see cref="WatchCacheOptions.WatcherBufferSize"/>) is full when a change
/// for it arrives is terminated: its stream delivers what is queued and ends, and the client re-watches from the last
/// resourceVersion it saw — kube-apiserver closes an unresponsive watcher the same way. Writers and other watchers are
/// never held up.
/// </para>
/// <para>
/// <b>Failures.</b> A storage watch failing with ResourceExpired (the store compacted past the cache's revision) makes
/// the cache unready, terminates every watcher (their clients re-watch and get 410 if they are now too old, then
/// relist) and relists. Other failures re-watch from the cache's revision after an exponential backoff; the state
/// stays served meanwhile. While unready, watches wait up to <see cref="WatchCacheOptions.ReadyWait"/> and then get
/// 429; cache-served lists and gets fall through to storage.
/// </para>
/// <para>
/// <b>Bookmarks.</b> A timer ticking every <see cref="WatchCacheOptions.Tick"/> drops stale window events and queues a
/// bookmark marker for every bookmark-allowing watcher that is due (<see cref="WatchCacheOptions.BookmarkInterval"/>,
/// and 2 s before its timeout). Storage progress notifications advance the cache's revision, which bookmarks carry.
/// </para>
/// Lifecycle: construct, <see cref="StartAsync"/>, serve, <see cref="DisposeAsync"/>. The constructor does no work.
/// Partial files: WatchCache.cs (state, lifecycle, timer), WatchCache.Feed.cs (list and watch storage, apply events),
/// WatchCache.Serve.cs (open watches, cache-served lists and gets).
/// </remarks>
public sealed partial class WatchCache : IAsyncDisposable
{
    private readonly IStorage _storage;
    private readonly WatchCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly EventWindow _window;
    private readonly List<CacheWatcher> _watchers = [];
    private readonly CancellationTokenSource _stop = new();
    private ImmutableSortedDictionary<string, CachedObject> _state = ImmutableSortedDictionary.Create<string, CachedObject>(StringComparer.Ordinal);
    private long _revision;
    private bool _ready;
    private TaskCompletionSource _changed = NewSignal();
    private Task? _loop;
    private ITimer? _ticker;
    private int _disposed;

    /// <summary>
    /// Creates the cache of <paramref name="resource"/>'s objects in <paramref name="storage"/> (in the resource's form:
    /// converted from the stored form when the resource has a conversion); call <see cref="StartAsync"/> to fill it.
    /// </summary>
    public WatchCache(IStorage storage, ResourceDefinition resource, WatchCacheOptions options, TimeProvider time, ILogger<WatchCache> logger)
    {
        options.Validate();
        _storage = storage;
        _options = options;
        _time = time;
        _logger = logger;
        Kind = resource;
        Keys = ResourceKeys.ForPrefix(resource.StoragePrefix);
        _window = new EventWindow(options.WindowCapacity, options.WindowMinimum, options.WindowRetention);
    }

    /// <summary>Creates the cache of a kind of <c>infra.virtrigaud.io/v1beta1</c>.</summary>
    public WatchCache(IStorage storage, KindInfo kind, WatchCacheOptions options, TimeProvider time, ILogger<WatchCache> logger)
        : this(storage, KindDefinitions.For(kind), options, time, logger)
    {
    }

    /// <summary>The resource cached.</summary>
    public ResourceDefinition Kind { get; }

    /// <summary>The storage keys of the kind.</summary>
    public ResourceKeys Keys { get; }

    /// <summary>Whether the cache holds a listed state (false before the first list and while relisting).</summary>
    public bool IsReady
    {
        get
        {
            lock (_gate)
            {
                return _ready;
            }
        }
    }

    /// <summary>The revision the cached state is at.</summary>
    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>How many watchers are registered (for metrics and tests).</summary>
    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>The oldest revision a watch can resume from (see <see cref="EventWindow.OldestServable"/>).</summary>
    public long OldestServableRevision
    {
        get
        {
            lock (_gate)
            {
                return _window.OldestServable;
            }
        }
    }

    /// <summary>
    /// Starts listing and watching in the background and the bookmark timer; returns without waiting for the first
    /// list (see <see cref="WaitUntilReadyAsync"/>). Call once.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("The watch cache is already started.");
        }

        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        _ticker = _time.CreateTimer(static state => ((WatchCache)state!).OnTick(), this, _options.Tick, _options.Tick);
        return Task.CompletedTask;
    }

    /// <summary>Completes when the cache holds a listed state.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken) =>
        await WaitForAsync(() => _ready, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Stops the storage watch and the timer and ends every watcher's stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_ticker is not null)
        {
            await _ticker.DisposeAsync();
        }

        if (_loop is not null)
        {
            await _loop;
        }

        lock (_gate)
        {
            _ready = false;
            TerminateAllLocked();
            PulseLocked();
        }

        _stop.Dispose();
    }

    /// <summary>Removes a watcher (its stream ended or was disposed). Idempotent.</summary>
    internal void Unregister(CacheWatcher watcher)
    {
        lock (_gate)
        {
            var index = _watchers.IndexOf(watcher);
            if (index >= 0)
            {
                RemoveAtLocked(index);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The timer: drop stale window events, queue due bookmarks.</summary>
    private void OnTick()
    {
        lock (_gate)
        {
            if (_disposed != 0)
            {
                return;
            }

            var now = _time.GetUtcNow();
            _window.DropExpired(now);
            WatchCacheEvent? marker = null;
            foreach (var watcher in _watchers)
            {
                if (watcher.AllowBookmarks && now >= watcher.NextBookmark)
                {
                    marker ??= WatchCacheEvent.Bookmark(_revision, now);
                    watcher.OfferBookmark(marker, now);
                }
            }
        }
    }

    private void BecomeUnready()
    {
        lock (_gate)
        {
            _ready = false;
            TerminateAllLocked();
            PulseLocked();
        }
    }

    private void TerminateAllLocked()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Terminate();
        }

        _watchers.Clear();
    }

    private void RemoveAtLocked(int index)
    {
        var last = _watchers.Count - 1;
        _watchers[index] = _watchers[last];
        _watchers.RemoveAt(last);
    }

    /// <summary>Wakes everyone waiting for the revision or readiness to change.</summary>
    private void PulseLocked()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> (evaluated under the lock) holds, or <paramref name="timeout"/> passes
    /// (returns false). Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    private async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer?.Token ?? CancellationToken.None);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (condition())
                {
                    return true;
                }

                signal = _changed.Task;
            }

            try
            {
                await signal.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    return condition();
                }
            }
        }
    }
}
