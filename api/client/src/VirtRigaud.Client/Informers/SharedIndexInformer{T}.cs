using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;

namespace VirtRigaud.Client.Informers;

/// <summary>
/// One reflector feeding one indexed cache and any number of handlers (client-go's <c>sharedIndexInformer</c>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Order.</b> Each change is applied to <see cref="Indexer"/> and queued for every handler under one lock, so every
/// handler sees the changes in the order the cache went through them, and the cache already holds the new state when a
/// handler runs. Each handler has its own unbounded queue and task (see <see cref="IResourceEventHandler{T}"/>).
/// </para>
/// <para>
/// <b>What a handler receives.</b>
/// <list type="table">
/// <item><term>first list</term><description><c>OnAdd(obj, isInInitialList: true)</c> for every object</description></item>
/// <item><term>ADDED / MODIFIED</term><description><c>OnUpdate(old, new)</c> when the cache had the object, else <c>OnAdd(obj, false)</c></description></item>
/// <item><term>DELETED</term><description><c>OnDelete(finalState, null)</c></description></item>
/// <item><term>relist (after 410)</term><description><c>OnUpdate(old, new)</c> for every listed object the cache had (even unchanged, as client-go), <c>OnAdd</c> for new ones, <c>OnDelete(lastKnown, tombstone)</c> for vanished ones</description></item>
/// <item><term>resync</term><description><c>OnUpdate(obj, obj)</c> for every cached object, to handlers whose resync period is due</description></item>
/// <item><term>handler added late</term><description><c>OnAdd(obj, true)</c> for every cached object, then live changes</description></item>
/// </list>
/// </para>
/// Lifecycle: construct (no work), add handlers and indexers, <see cref="RunAsync"/> once; handlers may be added and
/// removed at any time. Every member is thread-safe.
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public sealed class SharedIndexInformer<T>
    where T : class, IKubernetesObject
{
    private readonly Lock _gate = new();
    private readonly IListWatch<T> _listWatch;
    private readonly SharedIndexInformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<ProcessorListener<T>> _listeners = [];
    private readonly Dictionary<ResourceEventHandlerRegistration, ProcessorListener<T>> _registrations = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Reflector<T>? _reflector;
    private TimeSpan _resyncCheckPeriod;
    private bool _started;
    private bool _stopped;

    /// <summary>Creates an informer over <paramref name="listWatch"/>.</summary>
    public SharedIndexInformer(IListWatch<T> listWatch, SharedIndexInformerOptions? options = null, ILogger? logger = null)
    {
        _listWatch = listWatch;
        _options = options ?? new SharedIndexInformerOptions();
        _time = _options.Reflector.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
        _resyncCheckPeriod = _options.ResyncPeriod;
        Indexer = new Indexer<T>(indexers: new Dictionary<string, IndexFunc<T>> { [CacheKeys.NamespaceIndex] = static o => CacheKeys.MetaNamespaceIndex(o) });
        Lister = new Lister<T>(Indexer);
        Name = _options.Reflector.Name.Length > 0 ? _options.Reflector.Name : typeof(T).Name;
    }

    /// <summary>The name in logs.</summary>
    public string Name { get; }

    /// <summary>The cache. Only the informer writes it; read it (or <see cref="Lister"/>) freely, never mutate its objects.</summary>
    public Indexer<T> Indexer { get; }

    /// <summary>Queries over <see cref="Indexer"/>.</summary>
    public Lister<T> Lister { get; }

    /// <summary>Whether the first complete state has been stored in the cache (handlers may still be processing it).</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Whether <see cref="RunAsync"/> has been called.</summary>
    public bool IsStarted
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

    /// <summary>Whether <see cref="RunAsync"/> has finished.</summary>
    public bool IsStopped
    {
        get
        {
            lock (_gate)
            {
                return _stopped;
            }
        }
    }

    /// <summary>The resourceVersion of the newest state the cache reflects; empty before the first list.</summary>
    public string LastSyncResourceVersion => _reflector?.LastSyncResourceVersion ?? "";

    /// <summary>
    /// Adds a handler. When the informer already holds state, the handler first receives <c>OnAdd(obj, true)</c> for
    /// every cached object. <paramref name="resyncPeriod"/> (default: the informer's) below 1 s is raised to 1 s; below
    /// the informer's check period it lowers the check period before the start and is raised to it after.
    /// </summary>
    /// <exception cref="InvalidOperationException">The informer has stopped.</exception>
    public ResourceEventHandlerRegistration AddEventHandler(IResourceEventHandler<T> handler, TimeSpan? resyncPeriod = null)
    {
        var period = resyncPeriod ?? _options.ResyncPeriod;
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero, nameof(resyncPeriod));
        lock (_gate)
        {
            if (_stopped)
            {
                throw new InvalidOperationException($"informer {Name} has stopped; handlers can no longer be added");
            }

            if (period > TimeSpan.Zero)
            {
                if (period < SharedIndexInformerOptions.MinimumResyncPeriod)
                {
                    period = SharedIndexInformerOptions.MinimumResyncPeriod;
                }

                if (period < _resyncCheckPeriod || _resyncCheckPeriod == TimeSpan.Zero)
                {
                    if (!_started)
                    {
                        _resyncCheckPeriod = period;
                    }
                    else if (_resyncCheckPeriod > TimeSpan.Zero)
                    {
                        ReflectorLog.ResyncAdjusted(_logger, Name, period, _resyncCheckPeriod);
                        period = _resyncCheckPeriod;
                    }
                }
            }

            var listener = new ProcessorListener<T>(handler, period, _time.GetTimestamp() + Ticks(period), Name, _logger);
            var registration = new ResourceEventHandlerRegistration(
                () => HasSynced && listener.HasSynced,
                ct => WaitForHandlerSyncAsync(listener, ct),
                Remove);
            _listeners.Add(listener);
            _registrations.Add(registration, listener);
            if (HasSynced)
            {
                foreach (var item in Indexer.List())
                {
                    listener.Enqueue(new Notification<T>(NotificationKind.Add, item, IsInInitialList: true));
                }

                listener.Enqueue(Notification<T>.SyncedMarker);
            }

            if (_started)
            {
                listener.Start();
            }

            return registration;
        }
    }

    /// <summary>Adds indexes to the cache and builds them from the cached objects.</summary>
    /// <exception cref="ArgumentException">An index with one of the names exists already.</exception>
    public void AddIndexers(IReadOnlyDictionary<string, IndexFunc<T>> indexers) => Indexer.AddIndexers(indexers);

    /// <summary>
    /// Lists and watches until <paramref name="cancellationToken"/> is cancelled, feeding the cache and the handlers;
    /// then stops the handlers and completes (no exception on cancellation). Failures are retried, never thrown.
    /// </summary>
    /// <exception cref="InvalidOperationException">The informer was already started.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        Reflector<T> reflector;
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException($"informer {Name} was already started; an informer runs once");
            }

            _started = true;
            var reflectorOptions = _options.Reflector with { Name = Name, ResyncPeriod = _resyncCheckPeriod };
            reflector = _reflector = new Reflector<T>(_listWatch, new Store(this), reflectorOptions, _logger);
            foreach (var listener in _listeners)
            {
                listener.Start();
            }
        }

        try
        {
            await reflector.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            List<ProcessorListener<T>> listeners;
            lock (_gate)
            {
                _stopped = true;
                listeners = [.. _listeners];
                _listeners.Clear();
                _registrations.Clear();
            }

            await Task.WhenAll(listeners.Select(l => l.StopAsync())).ConfigureAwait(false);
        }
    }

    /// <summary>Completes once <see cref="HasSynced"/> is true.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    private async Task WaitForHandlerSyncAsync(ProcessorListener<T> listener, CancellationToken cancellationToken)
    {
        await _synced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await listener.Synced.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Remove(ResourceEventHandlerRegistration registration)
    {
        ProcessorListener<T>? listener;
        lock (_gate)
        {
            if (!_registrations.Remove(registration, out listener))
            {
                return;
            }

            _listeners.Remove(listener);
        }

        // Fire and forget: StopAsync only waits for the handler call in progress, which must not block the caller.
        _ = listener.StopAsync();
    }

    private void Distribute(Notification<T> notification)
    {
        foreach (var listener in _listeners)
        {
            listener.Enqueue(notification);
        }
    }

    private void Upsert(T obj)
    {
        lock (_gate)
        {
            var old = Indexer.Upsert(obj);
            Distribute(old is null
                ? new Notification<T>(NotificationKind.Add, obj)
                : new Notification<T>(NotificationKind.Update, obj, old));
        }
    }

    private void Delete(T obj)
    {
        lock (_gate)
        {
            Indexer.Remove(Indexer.KeyOf(obj));
            Distribute(new Notification<T>(NotificationKind.Delete, obj));
        }
    }

    private void Replace(IReadOnlyCollection<T> items)
    {
        lock (_gate)
        {
            var initial = !HasSynced;
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                keep.Add(Indexer.KeyOf(item));
                var old = Indexer.Upsert(item);
                Distribute(old is null
                    ? new Notification<T>(NotificationKind.Add, item, IsInInitialList: initial)
                    : new Notification<T>(NotificationKind.Update, item, old));
            }

            foreach (var key in Indexer.ListKeys())
            {
                if (!keep.Contains(key) && Indexer.Remove(key) is { } gone)
                {
                    Distribute(new Notification<T>(NotificationKind.Delete, gone, Tombstone: new DeletedFinalStateUnknown<T> { Key = key, Obj = gone }));
                }
            }

            if (initial)
            {
                Distribute(Notification<T>.SyncedMarker);
                _synced.TrySetResult();
            }
        }
    }

    private void Resync()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var due = new List<ProcessorListener<T>>();
            foreach (var listener in _listeners)
            {
                if (listener.ResyncPeriod > TimeSpan.Zero && now >= listener.NextResync)
                {
                    due.Add(listener);
                    listener.NextResync = now + Ticks(listener.ResyncPeriod);
                }
            }

            if (due.Count == 0)
            {
                return;
            }

            foreach (var item in Indexer.List())
            {
                var notification = new Notification<T>(NotificationKind.Update, item, item);
                foreach (var listener in due)
                {
                    listener.Enqueue(notification);
                }
            }
        }
    }

    private long Ticks(TimeSpan period) => (long)(period.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>The reflector's view of the informer.</summary>
    private sealed class Store(SharedIndexInformer<T> informer) : IReflectorStore<T>
    {
        public void Replace(IReadOnlyCollection<T> items, string resourceVersion) => informer.Replace(items);

        public void Add(T obj) => informer.Upsert(obj);

        public void Update(T obj) => informer.Upsert(obj);

        public void Delete(T obj) => informer.Delete(obj);

        public void Resync() => informer.Resync();
    }
}
