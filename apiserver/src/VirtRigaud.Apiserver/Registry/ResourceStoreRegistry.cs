using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Admission;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Watch;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The <see cref="ResourceStore"/> of every resource of the server's <see cref="ApiCatalog"/>, each with its
/// <see cref="WatchCache"/>, created once per server (a DI singleton) over the server's storage, admission chain and
/// clock. Stores are looked up by group, version and resource. As a hosted service it starts the watch caches with the
/// host and disposes them when the host stops; the constructor only builds them.
/// </summary>
public sealed class ResourceStoreRegistry : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceStore> _byResource = [];
    private readonly List<WatchCache> _caches = [];
    private int _disposed;

    public ResourceStoreRegistry(IStorage storage, IEnumerable<IAdmissionPlugin> admission, TimeProvider time, ResourceApiOptions options, ApiCatalog catalog, ILoggerFactory loggerFactory)
    {
        var plugins = admission.ToList();
        Catalog = catalog;
        var all = new List<ResourceStore>();
        foreach (var resource in catalog.Resources)
        {
            var store = new ResourceStore(resource, storage, plugins, time);
            var cache = new WatchCache(storage, resource, options.WatchCache, time, loggerFactory.CreateLogger<WatchCache>());
            store.AttachCache(cache);
            _caches.Add(cache);
            _byResource[(resource.Group, resource.Version, resource.Plural)] = store;
            all.Add(store);
        }

        All = all;
        Primary = all.Where(s => s.Kind.StoragePrimary).ToList();
    }

    /// <summary>What this server serves.</summary>
    public ApiCatalog Catalog { get; }

    /// <summary>Every store, in catalog order.</summary>
    public IReadOnlyList<ResourceStore> All { get; }

    /// <summary>
    /// The stores that own their objects' storage (every store but second representations such as events.k8s.io/v1
    /// events): each stored object is seen exactly once by walking these.
    /// </summary>
    public IReadOnlyList<ResourceStore> Primary { get; }

    /// <summary>The store of a resource of <c>infra.virtrigaud.io/v1beta1</c> (<c>virtualmachines</c>), or null.</summary>
    public ResourceStore? Find(string plural) => Find(GroupInfo.Group, GroupInfo.Version, plural);

    /// <summary>The store of <c>{group}/{version}/{plural}</c>, or null for a resource this server does not serve.</summary>
    public ResourceStore? Find(string group, string version, string plural) => _byResource.GetValueOrDefault((group, version, plural));

    /// <summary>The store of a kind of <c>infra.virtrigaud.io/v1beta1</c>.</summary>
    public ResourceStore For(KindInfo kind) => _byResource[(kind.Group, kind.Version, kind.Plural)];

    /// <summary>
    /// The primary store of the objects of <paramref name="group"/> and <paramref name="kind"/> (an owner reference's
    /// target), or null when this server does not store such objects.
    /// </summary>
    public ResourceStore? ForOwner(string group, string kind) => Primary.FirstOrDefault(s => s.Kind.Group == group && s.Kind.Kind == kind);

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
