using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Apiserver.Watch;
using VirtRigaud.Storage;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>
/// A VirtualMachine <see cref="ResourceStore"/> with a started <see cref="WatchCache"/> over a real
/// <see cref="SqliteStorage"/> on a temp file (optionally behind a <see cref="FaultInjectingStorage"/>). Objects are
/// written straight into storage, as the store's write paths would leave them, so these tests do not depend on them.
/// </summary>
internal sealed class WatchTestEnvironment : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly string _directory;
    private int _uid;

    private WatchTestEnvironment(string directory, SqliteStorage sqlite, IStorage storage, WatchCache cache, ResourceStore store)
    {
        _directory = directory;
        Sqlite = sqlite;
        Storage = storage;
        Cache = cache;
        Store = store;
    }

    public SqliteStorage Sqlite { get; }

    public IStorage Storage { get; }

    public WatchCache Cache { get; }

    public ResourceStore Store { get; }

    public static KindInfo Kind => Kinds.ByPlural("virtualmachines")!;

    public static async Task<WatchTestEnvironment> StartAsync(
        WatchCacheOptions? options = null,
        TimeProvider? time = null,
        Func<IStorage, IStorage>? wrap = null)
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-watch-").FullName;
        var sqlite = await SqliteStorage.OpenAsync(
            Path.Combine(directory, "store.db"),
            new StorageOptions(),
            new SqliteStorageOptions { Synchronous = SqliteSynchronousMode.Normal });
        var storage = wrap is null ? sqlite : wrap(sqlite);
        time ??= TimeProvider.System;
        var store = new ResourceStore(Kind, storage, [], time);
        var cache = new WatchCache(storage, Kind, options ?? new WatchCacheOptions(), time, NullLogger<WatchCache>.Instance);
        store.AttachCache(cache);
        await cache.StartAsync(CancellationToken.None);
        await cache.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(Timeout);
        return new WatchTestEnvironment(directory, sqlite, storage, cache, store);
    }

    public static RequestScope Scope(string ns = "") => new() { User = UserInfo.Create("admin", UserInfo.Masters), Namespace = ns };

    public static string Key(string ns, string name) => new ResourceKeys(Kind.Group, Kind.Plural).Key(ns, name);

    /// <summary>The stored form of a VirtualMachine (no resourceVersion).</summary>
    public byte[] Object(string ns, string name, IReadOnlyDictionary<string, string>? labels = null, string phase = "Pending")
    {
        var labelsJson = new JsonObject();
        foreach (var (k, v) in labels ?? new Dictionary<string, string>())
        {
            labelsJson[k] = v;
        }

        var obj = new JsonObject
        {
            ["apiVersion"] = $"{Kind.Group}/{Kind.Version}",
            ["kind"] = Kind.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = $"uid-{Interlocked.Increment(ref _uid)}",
                ["labels"] = labelsJson,
            },
            ["spec"] = new JsonObject { ["providerRef"] = new JsonObject { ["name"] = "p" }, ["powerState"] = "On" },
            ["status"] = new JsonObject { ["phase"] = phase },
        };
        return Encoding.UTF8.GetBytes(obj.ToJsonString());
    }

    public async Task<long> CreateAsync(string ns, string name, IReadOnlyDictionary<string, string>? labels = null, string phase = "Pending") =>
        (await Storage.CreateAsync(Key(ns, name), Object(ns, name, labels, phase))).Revision;

    public async Task<long> UpdateAsync(string ns, string name, IReadOnlyDictionary<string, string>? labels = null, string phase = "Running") =>
        (await Storage.GuaranteedUpdateAsync(Key(ns, name), null, false, (_, _) => ValueTask.FromResult(Object(ns, name, labels, phase)))).Revision;

    public async Task<long> DeleteAsync(string ns, string name) => (await Storage.DeleteAsync(Key(ns, name))).Revision;

    /// <summary>Writes an object of another resource: the store's revision moves, this resource's cache sees nothing.</summary>
    public async Task<long> WriteOtherResourceAsync(string name) =>
        (await Storage.CreateAsync($"/{Kind.Group}/vmclasses/default/{name}", Encoding.UTF8.GetBytes("{\"metadata\":{\"name\":\"" + name + "\"}}"))).Revision;

    public async Task WaitForCacheAsync(long revision)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (Cache.Revision < revision)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cache.DisposeAsync();
        await Storage.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The database may still be closing; the temp folder is cleaned up eventually anyway.
        }
    }
}
