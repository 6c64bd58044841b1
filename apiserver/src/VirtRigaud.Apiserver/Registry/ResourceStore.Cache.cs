using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Watch;

namespace VirtRigaud.Apiserver.Registry;

public sealed partial class ResourceStore
{
    private WatchCache? _cache;

    /// <summary>The watch cache serving this resource's watches and <c>resourceVersion=0</c> reads; null until attached.</summary>
    public WatchCache? Cache => _cache;

    /// <summary>
    /// Attaches the resource's watch cache (once, before serving). The caller owns the cache: it starts it and disposes
    /// it at shutdown. <see cref="WatchAsync"/> needs one; lists and gets work without.
    /// </summary>
    /// <example>
    /// In ResourceStoreRegistry, per kind:
    /// <code>
    /// var store = new ResourceStore(kind, storage, admission, time);
    /// var cache = new WatchCache(storage, kind, watchCacheOptions, time, loggerFactory.CreateLogger&lt;WatchCache&gt;());
    /// store.AttachCache(cache);
    /// await cache.StartAsync(cancellationToken);   // and await cache.DisposeAsync() at shutdown
    /// </code>
    /// </example>
    public void AttachCache(WatchCache cache)
    {
        if (!ReferenceEquals(cache.Kind, Kind) && cache.Keys.ResourcePrefix != Keys.ResourcePrefix)
        {
            throw new ArgumentException($"The watch cache of {cache.Kind} cannot serve {Kind}.", nameof(cache));
        }

        if (Interlocked.CompareExchange(ref _cache, cache, null) is not null)
        {
            throw new InvalidOperationException($"A watch cache is already attached to the {Kind} store.");
        }
    }

    /// <summary>
    /// Serves a LIST from the watch cache when kube-apiserver's cacher would (shouldDelegateList), else returns null and
    /// the caller reads storage. Served from memory:
    /// <list type="bullet">
    /// <item><c>resourceVersion=0</c> (match unset or NotOlderThan): the cached state, whatever <c>limit</c> says — the
    /// whole collection, no continue token (as kube-apiserver answers rv=0 lists from its cache);</item>
    /// <item><c>resourceVersion=N</c>, match unset or NotOlderThan, no limit, N not newer than the cache.</item>
    /// </list>
    /// Delegated (null): <c>continue</c>, an unset resourceVersion (a consistent read), <c>Exact</c>, a limit with
    /// N ≠ 0, N newer than the cache, or a cache that is not ready. Selectors are applied; an unsupported field selector
    /// is a 400 as on the storage path. Does not mutate anything; the items are shared — never mutate them.
    /// </summary>
    /// <remarks>The one-line hook at the top of <see cref="ListAsync"/>: <c>if (await TryListFromCacheAsync(scope, query, cancellationToken) is { } cached) return cached;</c></remarks>
    public Task<ObjectListResult?> TryListFromCacheAsync(RequestScope scope, ListQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_cache is not { } cache
            || !string.IsNullOrEmpty(query.Continue)
            || string.IsNullOrEmpty(query.ResourceVersion)
            || query.ResourceVersionMatch is { Length: > 0 } match && match != "NotOlderThan")
        {
            return Task.FromResult<ObjectListResult?>(null);
        }

        var rv = ParseResourceVersion(query.ResourceVersion);
        if (rv != 0 && query.Limit > 0)
        {
            return Task.FromResult<ObjectListResult?>(null);
        }

        var filter = CacheFilter(query);
        return Task.FromResult(cache.TryList(scope.Namespace, filter, rv, out var items, out var revision)
            ? new ObjectListResult(items, revision, null, null)
            : null);
    }

    /// <summary>
    /// Serves a GET with a non-empty <paramref name="resourceVersion"/> ("0", or N not newer than the cache) from the
    /// watch cache, as kube-apiserver does; returns null when the caller must read storage (rv unset, no cache, cache not
    /// ready or behind N). Throws 404 when the cache has no such object. Returns a private copy the caller may mutate.
    /// </summary>
    /// <remarks>The one-line hook at the top of <see cref="GetAsync"/>: <c>if (await TryGetFromCacheAsync(scope, name, resourceVersion, cancellationToken) is { } cached) return cached;</c></remarks>
    public Task<JsonObject?> TryGetFromCacheAsync(RequestScope scope, string name, string? resourceVersion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_cache is not { } cache || string.IsNullOrEmpty(resourceVersion))
        {
            return Task.FromResult<JsonObject?>(null);
        }

        var rv = ParseResourceVersion(resourceVersion);
        if (!cache.TryGet(Keys.Key(scope.Namespace, name), rv, out var found))
        {
            return Task.FromResult<JsonObject?>(null);
        }

        return found is null
            ? throw Api.Machinery.StatusException.NotFound(Kind.Group, Kind.Plural, name)
            : Task.FromResult<JsonObject?>((JsonObject)found.DeepClone());
    }

    /// <summary>
    /// The selectors of <paramref name="query"/> as a predicate over cached objects (using their pre-extracted labels),
    /// or null when everything matches. Validates the field selector like <see cref="Predicate"/> (400 for fields the
    /// kind cannot select on).
    /// </summary>
    internal Func<CachedObject, bool>? CacheFilter(ListQuery query)
    {
        if (Predicate(query) is null)
        {
            return null;
        }

        var labels = query.LabelSelector;
        var fields = query.FieldSelector;
        var value = Kind.FieldValue;
        return cached => labels.Matches(cached.Labels) && fields.Matches(field => value(cached.Object, field));
    }
}
