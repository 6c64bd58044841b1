using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Registry.Builtin.Events;
using VirtRigaud.Apiserver.Security;
using VirtRigaud.Apiserver.Tests.Watch;
using VirtRigaud.Storage;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>Event expiry (kube-apiserver's <c>--event-ttl</c>) over a real store and a fake clock.</summary>
public sealed class EventTtlCollectorTests : IAsyncLifetime
{
    private const string Ns = "ttl";
    private static readonly RequestScope Admin = new() { User = UserInfo.Create("admin", UserInfo.Masters), Namespace = Ns };
    private static readonly ResourceApiOptions Options = new() { EventTtl = TimeSpan.FromHours(1) };

    private readonly FakeTimeProvider _time = new();
    private string _directory = "";
    private SqliteStorage _storage = null!;
    private ResourceStoreRegistry _registry = null!;
    private EventTtlCollector _collector = null!;

    private ResourceStore Events => _registry.Find("", "v1", "events")!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("virtrigaud-ttl-").FullName;
        _storage = await SqliteStorage.OpenAsync(
            Path.Combine(_directory, "store.db"),
            new StorageOptions(),
            new SqliteStorageOptions { Synchronous = SqliteSynchronousMode.Normal });
        _registry = new ResourceStoreRegistry(_storage, [], _time, Options, ApiCatalog.Standalone, NullLoggerFactory.Instance);
        _collector = new EventTtlCollector(_registry, Options, _time, NullLogger<EventTtlCollector>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _storage.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sweep_EventsOlderThanTheTtl_AreDeletedAndYoungerOnesKept()
    {
        await Events.CreateAsync(Admin, Event("old"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(30));
        await Events.CreateAsync(Admin, Event("young"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(31));

        var first = await _collector.SweepAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(30));
        var second = await _collector.SweepAsync(CancellationToken.None);

        Assert.Equal((1, 1), (first, second));
        Assert.Equal(2, _collector.Deleted);
        Assert.Empty((await Events.ListAsync(Admin, new ListQuery(), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Sweep_EventWrittenSinceItsCreation_LivesATtlFromTheLastWrite()
    {
        await Events.CreateAsync(Admin, Event("updated"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(50));
        await Events.UpdateAsync(Admin, "updated", "", (current, _) =>
        {
            current["count"] = 2;
            return ValueTask.FromResult(current);
        }, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(20));

        var swept = await _collector.SweepAsync(CancellationToken.None);

        Assert.Equal(0, swept);
        Assert.Equal("updated", ObjectJson.Name(await Events.GetAsync(Admin, "updated", null, CancellationToken.None)));
    }

    private static JsonObject Event(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["involvedObject"] = new JsonObject { ["kind"] = "VirtualMachine", ["name"] = "vm", ["namespace"] = Ns },
        ["reason"] = "Started",
        ["count"] = 1,
    };
}
