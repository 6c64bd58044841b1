using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Apiserver.Tests.Watch;
using VirtRigaud.Apiserver.Watch;
using VirtRigaud.Storage;
using VirtRigaud.Storage.Sqlite;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Registry;

/// <summary>
/// The garbage collector's reflectors on an empty store, where a resource's list is at resourceVersion "0": watching
/// "from 0" must not mean "from whatever is newest when the watch opens".
/// </summary>
public sealed class GarbageCollectorStartupTests : IAsyncLifetime
{
    private const string Ns = "gc";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // generous: CI machines are loaded
    private static readonly RequestScope Admin = new() { User = UserInfo.Create("admin", UserInfo.Masters), Namespace = Ns };

    private string _directory = "";
    private FaultInjectingStorage _storage = null!;
    private ResourceStoreRegistry _registry = null!;
    private GarbageCollector _collector = null!;

    private ResourceStore Vms => _registry.Find("virtualmachines")!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("virtrigaud-gc-start-").FullName;
        var sqlite = await SqliteStorage.OpenAsync(
            System.IO.Path.Combine(_directory, "store.db"),
            new StorageOptions(),
            new SqliteStorageOptions { Synchronous = SqliteSynchronousMode.Normal });
        _storage = new FaultInjectingStorage(sqlite);

        // A watch waits for a relisting cache instead of getting 429 (whose relist would hide the bug under test).
        var options = new ResourceApiOptions { WatchCache = new WatchCacheOptions { ReadyWait = TimeSpan.FromMinutes(5) } };
        _registry = new ResourceStoreRegistry(_storage, [], TimeProvider.System, options, ApiCatalog.Standalone, NullLoggerFactory.Instance);
        await _registry.StartAsync(CancellationToken.None);
        _collector = new GarbageCollector(_registry, options, TimeProvider.System, NullLogger<GarbageCollector>.Instance);
        await _collector.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _storage.ReleaseLists();
        await _collector.StopAsync(CancellationToken.None);
        _collector.Dispose();
        await _registry.DisposeAsync();
        await _storage.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// The collector listed an empty resource (resourceVersion "0") and watches it from there. The cache relists (its
    /// storage watch expired) and ends the collector's watch; an object is created while the relist is held, so it
    /// reaches the cache through the relist, not as a change. The collector re-watches from "0": with
    /// sendInitialEvents=false that starts after the relisted state and the object never reaches the graph.
    /// </summary>
    [Fact]
    public async Task WatchResumedFromRevisionZero_AfterCacheRelist_SeesObjectsCreatedMeanwhile()
    {
        var cache = Vms.Cache!;
        await Eventually(() => cache.IsReady && cache.WatcherCount == 1);
        Assert.Equal(0, cache.Revision);

        _storage.HoldLists();
        _storage.FailOpenWatches(StorageException.Expired(cache.Keys.ResourcePrefix, 0, 1));
        await Eventually(() => !cache.IsReady && cache.WatcherCount == 0);
        var vm = await Vms.CreateAsync(Admin, Vm("created-while-relisting", Ns), CancellationToken.None);
        _storage.ReleaseLists();

        await Eventually(() => cache.IsReady && cache.WatcherCount == 1);
        await Eventually(() => _collector.Graph.Find(ObjectJson.Uid(vm)) is not null);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, "the condition did not hold in time");
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
