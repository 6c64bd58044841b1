using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Informers;

/// <summary>
/// Keeps an <see cref="IReflectorStore{T}"/> equal to the server's state of one resource, as client-go's
/// <c>cache.Reflector</c>: list (or stream the list), then watch from the list's resourceVersion, forever.
/// </summary>
/// <remarks>
/// <para>What happens when (client-go's behaviour, with its defaults):</para>
/// <list type="table">
/// <listheader><term>situation</term><description>reaction</description></listheader>
/// <item><term>start</term><description>WatchList (<c>sendInitialEvents=true&amp;resourceVersionMatch=NotOlderThan&amp;allowWatchBookmarks=true</c>): the ADDED events up to the <c>k8s.io/initial-events-end</c> bookmark are the state; the same stream goes on as the watch. If the server rejects it (400/405/422/501, or the stream ends without that bookmark) it is never tried again and the reflector lists instead; any other failure falls back to a list this once.</description></item>
/// <item><term>list</term><description><c>resourceVersion=0</c> the first time (the server's cache may answer), paged by <see cref="ReflectorOptions.PageSize"/>; a page whose continue token expired makes it list everything in one request. A relist at a specific resourceVersion is sent without a limit (so the server's watch cache answers) unless the server paged before</description></item>
/// <item><term>watch</term><description>from the last resourceVersion seen, with bookmarks, timeout 5–10 min; BOOKMARK events advance the resourceVersion</description></item>
/// <item><term>watch ends cleanly</term><description>watch again from the last resourceVersion (a watch that ends within 1 s without events counts as a failure)</description></item>
/// <item><term>connection fails, 429, 503</term><description>back off, then watch again from the same resourceVersion — no relist (this is how a watch survives an API server restart)</description></item>
/// <item><term>500 InternalError</term><description>the same, for up to <see cref="ReflectorOptions.MaxInternalErrorRetryDuration"/>; then as "other failures"</description></item>
/// <item><term>410 Gone/Expired (or 504 ResourceVersionTooLarge)</term><description>back off, list again at the last resourceVersion; if that is gone too — or the server answers with that very (expired) version — list with <c>resourceVersion=""</c> (a consistent read)</description></item>
/// <item><term>other failures</term><description>back off, list again</description></item>
/// </list>
/// <para>
/// Back-off: 800 ms doubling up to 30 s, each plus up to 100 % random jitter (capped), starting over after 2 min
/// without failures. Resyncs: every <see cref="ReflectorOptions.ResyncPeriod"/> once the first list is stored.
/// </para>
/// The constructor does no work; <see cref="RunAsync"/> runs the loop. Only <see cref="LastSyncResourceVersion"/> may be
/// read from other threads.
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Reflector<T>
    where T : class, IKubernetesObject
{
    /// <summary>The annotation on the bookmark that ends a WatchList's initial events.</summary>
    public const string InitialEventsEndAnnotation = "k8s.io/initial-events-end";

    private readonly IListWatch<T> _listWatch;
    private readonly IReflectorStore<T> _store;
    private readonly ReflectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private string _lastSyncResourceVersion = "";
    private bool _lastSyncResourceVersionUnavailable;
    private volatile bool _watchListUnsupported;
    private bool _paginatedResult;
    private string? _expiredResourceVersion;
    private long? _internalErrorsSince;
    private int _running;
    private ITimer? _resync;

    /// <summary>Creates a reflector that fills <paramref name="store"/> from <paramref name="listWatch"/>.</summary>
    public Reflector(IListWatch<T> listWatch, IReflectorStore<T> store, ReflectorOptions? options = null, ILogger? logger = null)
    {
        _listWatch = listWatch;
        _store = store;
        _options = options ?? new ReflectorOptions();
        _time = _options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The resourceVersion of the last list, event or bookmark stored; empty before the first list. Thread-safe.</summary>
    public string LastSyncResourceVersion => Volatile.Read(ref _lastSyncResourceVersion);

    /// <summary>Whether the next (re)list will be a streaming list (WatchList): enabled and not rejected by the server.</summary>
    public bool UsesWatchList => _options.UseWatchList && !_watchListUnsupported;

    /// <summary>
    /// Lists and watches until <paramref name="cancellationToken"/> is cancelled, then completes (it does not throw on
    /// cancellation). Failures are logged and retried with back-off, never thrown.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reflector is already running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("the reflector is already running");
        }

        var backoff = new ExponentialBackoff(_options.InitialBackoff, _options.MaxBackoff, _options.BackoffResetAfter, _options.BackoffJitter, _time);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan delay;
                try
                {
                    await ListAndWatchAsync(backoff, cancellationToken).ConfigureAwait(false);
                    delay = backoff.Next();
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    delay = backoff.Next();
                    ReflectorLog.ListAndWatchFailed(_logger, _options.Name, delay, e);
                }

                if (!await DelayAsync(delay, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        finally
        {
            _resync?.Dispose();
            _resync = null;
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task ListAndWatchAsync(ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        IAsyncEnumerator<WatchEvent<T>>? stream = null;
        if (UsesWatchList)
        {
            stream = await WatchListAsync(cancellationToken).ConfigureAwait(false);
        }

        if (stream is null)
        {
            await ListAsync(cancellationToken).ConfigureAwait(false);
        }

        StartResync();
        await WatchAsync(stream, backoff, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The streaming list: returns the stream positioned after the initial-events-end bookmark (the store holds the
    /// state), or null when the caller must list instead.
    /// </summary>
    private async Task<IAsyncEnumerator<WatchEvent<T>>?> WatchListAsync(CancellationToken cancellationToken)
    {
        var options = BaseOptions() with
        {
            SendInitialEvents = true,
            ResourceVersionMatch = ResourceVersionMatchValues.NotOlderThan,
            ResourceVersion = RewatchResourceVersion() is { Length: > 0 } rv ? rv : null,
            AllowWatchBookmarks = true,
            TimeoutSeconds = WatchTimeoutSeconds(),
        };

        var enumerator = _listWatch.WatchAsync(options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var state = new Dictionary<string, T>(StringComparer.Ordinal);
            while (await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                var e = enumerator.Current;
                switch (e.Type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        state[CacheKeys.MetaNamespaceKey(e.Object)] = e.Object;
                        break;
                    case WatchEventType.Deleted:
                        state.Remove(CacheKeys.MetaNamespaceKey(e.Object));
                        break;
                    case WatchEventType.Bookmark when e.Object.Metadata.Annotation(InitialEventsEndAnnotation) == "true":
                        var resourceVersion = e.Object.Metadata.ResourceVersion ?? "";
                        _store.Replace([.. state.Values], resourceVersion);
                        SetLastSync(resourceVersion);
                        ReflectorLog.WatchListed(_logger, _options.Name, state.Count, resourceVersion);
                        var handedOver = enumerator;
                        enumerator = null;
                        return handedOver;
                    case WatchEventType.Bookmark:
                        break;
                    default:
                        ReflectorLog.UnknownEvent(_logger, _options.Name, e.Type);
                        break;
                }
            }

            // A server that ignores sendInitialEvents streams the objects and never sends the bookmark (KUBERNETES-API.md §5.3).
            Unsupported("the stream ended without the initial-events-end bookmark");
            return null;
        }
        catch (KubernetesApiException e) when (e.Code is 400 or 405 or 422 or 501)
        {
            Unsupported(string.IsNullOrEmpty(e.Message) ? e.Reason : e.Message);
            return null;
        }
        catch (KubernetesApiException e) when (IsExpired(e))
        {
            _lastSyncResourceVersionUnavailable = true;
            ReflectorLog.Expired(_logger, _options.Name, RewatchResourceVersion(), e.Message);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ReflectorLog.WatchListFailed(_logger, _options.Name, e);
            return null;
        }
        finally
        {
            if (enumerator is not null)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        List<T> items;
        string resourceVersion;
        try
        {
            (items, resourceVersion) = await ListAllAsync(RelistResourceVersion(), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (IsExpired(e))
        {
            // The version asked for is gone: a consistent read at the newest state, at once (client-go does the same).
            _lastSyncResourceVersionUnavailable = true;
            ReflectorLog.Expired(_logger, _options.Name, LastSyncResourceVersion, e.Message);
            (items, resourceVersion) = await ListAllAsync("", cancellationToken).ConfigureAwait(false);
        }

        // A server may answer "at least as new as N" with exactly N (from storage history): after a watch at N expired,
        // that state is useless — watching from it expires again. Read the newest state instead.
        if (_expiredResourceVersion is { } expired && resourceVersion == expired)
        {
            _lastSyncResourceVersionUnavailable = true;
            ReflectorLog.StaleRelist(_logger, _options.Name, expired);
            (items, resourceVersion) = await ListAllAsync("", cancellationToken).ConfigureAwait(false);
        }

        _expiredResourceVersion = null;
        _store.Replace(items, resourceVersion);
        SetLastSync(resourceVersion);
        ReflectorLog.Listed(_logger, _options.Name, items.Count, resourceVersion);
    }

    private async Task<(List<T> Items, string ResourceVersion)> ListAllAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var first = BaseOptions() with { ResourceVersion = resourceVersion.Length > 0 ? resourceVersion : null };

        // client-go's rule: a relist at a specific resourceVersion is sent without a limit (so an API server answers it
        // from its watch cache instead of reading storage at that exact revision) unless the server paged before.
        var paged = _options.PageSize > 0 && (resourceVersion is "" or "0" || _paginatedResult);
        var options = first with { Limit = paged ? _options.PageSize : null };
        var items = new List<T>();
        string? listResourceVersion = null;
        while (true)
        {
            ObjectList<T> page;
            try
            {
                page = await _listWatch.ListAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsGone && options.Continue is not null)
            {
                // The continue token expired between pages: one unpaged list instead (client-go's pager does the same).
                page = await _listWatch.ListAsync(first, cancellationToken).ConfigureAwait(false);
                return ([.. page.Items], page.Metadata.ResourceVersion ?? "");
            }

            // Every page belongs to the snapshot of the first one.
            listResourceVersion ??= page.Metadata.ResourceVersion;
            items.AddRange(page.Items);
            if (string.IsNullOrEmpty(page.Metadata.Continue))
            {
                return (items, listResourceVersion ?? "");
            }

            _paginatedResult = true;

            options = options with { Continue = page.Metadata.Continue, ResourceVersion = null, ResourceVersionMatch = null };
        }
    }

    /// <summary>Consumes <paramref name="stream"/> (if given) and then new watches until a relist is needed.</summary>
    private async Task WatchAsync(IAsyncEnumerator<WatchEvent<T>>? stream, ExponentialBackoff backoff, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var resourceVersion = LastSyncResourceVersion;
                stream ??= _listWatch.WatchAsync(
                    BaseOptions() with { ResourceVersion = resourceVersion, AllowWatchBookmarks = true, TimeoutSeconds = WatchTimeoutSeconds() },
                    cancellationToken).GetAsyncEnumerator(cancellationToken);
                var started = _time.GetTimestamp();
                var events = 0;
                TimeSpan? retryIn = null;
                try
                {
                    while (await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        events++;
                        _internalErrorsSince = null;
                        Handle(stream.Current);
                    }
                }
                catch (KubernetesApiException e) when (IsExpired(e))
                {
                    _expiredResourceVersion = LastSyncResourceVersion;
                    ReflectorLog.Expired(_logger, _options.Name, LastSyncResourceVersion, e.Message);
                    return;
                }
                catch (KubernetesApiException e) when (e.IsTooManyRequests || e.IsServiceUnavailable || RetryInternalError(e))
                {
                    retryIn = backoff.Next();
                    ReflectorLog.WatchRetry(_logger, _options.Name, LastSyncResourceVersion, retryIn.Value, e);
                }
                catch (KubernetesApiException e)
                {
                    ReflectorLog.WatchFailed(_logger, _options.Name, e.Code, e.Reason, e);
                    return;
                }
                catch (Exception e) when (IsConnectionFailure(e, cancellationToken))
                {
                    retryIn = backoff.Next();
                    ReflectorLog.WatchRetry(_logger, _options.Name, LastSyncResourceVersion, retryIn.Value, e);
                }
                finally
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    stream = null;
                }

                if (retryIn is { } delay)
                {
                    if (!await DelayAsync(delay, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (events == 0 && _time.GetElapsedTime(started) < _options.ShortWatchThreshold)
                {
                    ReflectorLog.ShortWatch(_logger, _options.Name, resourceVersion, _options.ShortWatchThreshold);
                    return;
                }
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Handle(WatchEvent<T> e)
    {
        switch (e.Type)
        {
            case WatchEventType.Added:
                _store.Add(e.Object);
                break;
            case WatchEventType.Modified:
                _store.Update(e.Object);
                break;
            case WatchEventType.Deleted:
                _store.Delete(e.Object);
                break;
            case WatchEventType.Bookmark:
                break;
            default:
                ReflectorLog.UnknownEvent(_logger, _options.Name, e.Type);
                return;
        }

        if (e.Object.Metadata.ResourceVersion is { Length: > 0 } resourceVersion)
        {
            SetLastSync(resourceVersion);
        }
    }

    private void StartResync()
    {
        if (_resync is null && _options.ResyncPeriod > TimeSpan.Zero)
        {
            _resync = _time.CreateTimer(static state => ((Reflector<T>)state!).Resync(), this, _options.ResyncPeriod, _options.ResyncPeriod);
        }
    }

    private void Resync()
    {
        try
        {
            _store.Resync();
        }
        catch (Exception e)
        {
            ReflectorLog.ResyncFailed(_logger, _options.Name, e);
        }
    }

    private void Unsupported(string reason)
    {
        _watchListUnsupported = true;
        ReflectorLog.WatchListUnsupported(_logger, _options.Name, reason);
    }

    private void SetLastSync(string resourceVersion)
    {
        Volatile.Write(ref _lastSyncResourceVersion, resourceVersion);
        _lastSyncResourceVersionUnavailable = false;
    }

    /// <summary>client-go's <c>relistResourceVersion</c>: "" after an expiry (consistent read), "0" at first (cache allowed), else the last one.</summary>
    private string RelistResourceVersion() =>
        _lastSyncResourceVersionUnavailable ? "" : LastSyncResourceVersion is { Length: > 0 } rv ? rv : "0";

    /// <summary>client-go's <c>rewatchResourceVersion</c>: "" after an expiry, else the last one.</summary>
    private string RewatchResourceVersion() => _lastSyncResourceVersionUnavailable ? "" : LastSyncResourceVersion;

    private ListOptions BaseOptions() => new() { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector };

    private long WatchTimeoutSeconds() => (long)(_options.MinWatchTimeout.TotalSeconds * (Random.Shared.NextDouble() + 1.0));

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// client-go's <c>MaxInternalErrorRetryDuration</c>: a 500 on a watch says nothing about the resourceVersion, so the
    /// watch is retried from it (with back-off) until 500s have lasted that long without an event in between.
    /// </summary>
    private bool RetryInternalError(KubernetesApiException e)
    {
        if (!e.IsInternalError || _options.MaxInternalErrorRetryDuration <= TimeSpan.Zero)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        _internalErrorsSince ??= now;
        if (_time.GetElapsedTime(_internalErrorsSince.Value, now) <= _options.MaxInternalErrorRetryDuration)
        {
            return true;
        }

        _internalErrorsSince = null;
        return false;
    }

    /// <summary>410 Gone/Expired, or 504 with cause ResourceVersionTooLarge (the cache is behind): list again.</summary>
    private static bool IsExpired(KubernetesApiException e) =>
        e.IsGone || (e.Code == 504 && e.Causes.Any(c => c.Reason == "ResourceVersionTooLarge"));

    /// <summary>The server could not be reached or the stream broke: worth re-watching from the same resourceVersion.</summary>
    private static bool IsConnectionFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException or SocketException or TimeoutException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
