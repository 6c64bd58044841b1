using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Admission;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Watch;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The <see cref="ResourceStore"/> of every kind of the group, one per resource, each with its <see cref="WatchCache"/>,
/// created once per server (a DI singleton) over the server's storage, admission chain and clock. Stores are looked up
/// by resource name (plural). As a hosted service it starts the watch caches with the host and disposes them when the
/// host stops; the constructor only builds them.
/// </summary>
public sealed class ResourceStoreRegistry : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, ResourceStore> _byPlural;
    private readonly List<WatchCache> _caches = [];
    private int _disposed;

    public ResourceStoreRegistry(IStorage storage, IEnumerable<IAdmissionPlugin> admission, TimeProvider time, ResourceApiOptions options, ILoggerFactory loggerFactory)
    {
        var plugins = admission.ToList();
        _byPlural = new Dictionary<string, ResourceStore>(StringComparer.Ordinal);
        foreach (var kind in Kinds.All)
        {
            var store = new ResourceStore(kind, storage, plugins, time);
            var cache = new WatchCache(storage, kind, options.WatchCache, time, loggerFactory.CreateLogger<WatchCache>());
            store.AttachCache(cache);
            _caches.Add(cache);
            _byPlural[kind.Plural] = store;
        }
    }

    /// <summary>Every store, in the order of <see cref="Kinds.All"/>.</summary>
    public IReadOnlyList<ResourceStore> All => Kinds.All.Select(k => _byPlural[k.Plural]).ToList();

    /// <summary>The store of a resource (<c>virtualmachines</c>), or null for a resource this server does not serve.</summary>
    public ResourceStore? Find(string plural) => _byPlural.GetValueOrDefault(plural);

    /// <summary>The store of a kind.</summary>
    public ResourceStore For(KindInfo kind) => _byPlural[kind.Plural];

    /// <summary>Starts every watch cache (each fills itself in the background and serves once ready).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var cache in _caches)
        {
            await cache.StartAsync(cancellationToken);
        }
    }

    /// <summary>Stops the watch caches, which ends every watch they serve.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var cache in _caches)
        {
            await cache.DisposeAsync();
        }
    }
}
