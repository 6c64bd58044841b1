using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Informers;
using VirtRigaud.Client.Tests.Testing;
using VirtRigaud.Client.Tests.WorkQueue;
using Xunit.Abstractions;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>
/// A shared informer on VirtualMachines against our real API server (in-process, its own kubeconfig loaded by the
/// client): the streaming list and the list+watch paths, handlers, bookmarks, a forced 410 and a restart. The
/// informer's own clock is manual where back-off timing matters, so a test decides when a retry happens.
/// </summary>
public sealed class InformerIntegrationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];
    private ClientTestServer _server = null!;
    private VirtRigaudClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ClientTestServer.StartAsync();
        _client = new VirtRigaudClient(KubernetesClientConfiguration.LoadKubeconfig(_server.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs).WaitAsync(Eventually.DefaultTimeout);
        _client.Dispose();
        await _server.DisposeAsync();
        _stop.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Informer_InitialStateThenLiveChanges_HandlersAndCacheFollowTheServer(bool watchList)
    {
        var vms = _client.VirtualMachines("inf");
        await vms.CreateAsync(Objects.Vm("a"));
        await vms.CreateAsync(Objects.Vm("b", labels: """{"tier":"web"}"""));
        // The reflector lists at resourceVersion "0" ("any state"), which the server answers from its watch cache, as
        // kube-apiserver does; that cache may briefly lag the writes above. Wait until it holds both, so they are the
        // informer's initial state rather than live adds.
        for (var deadline = DateTime.UtcNow + Eventually.DefaultTimeout; (await vms.ListAsync(new ListOptions { ResourceVersion = "0" })).Items.Count < 2;)
        {
            Assert.True(DateTime.UtcNow < deadline, "the server's watch cache never showed both VMs");
            await Task.Delay(Eventually.PollInterval);
        }

        var source = new CountingListWatch<VirtualMachine>(vms);
        var (informer, handler) = Start(source, new ReflectorOptions { UseWatchList = watchList });

        await informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        await handler.CountAsync(2);
        var b = await vms.GetAsync("b");
        await vms.UpdateAsync(b with { Metadata = b.Metadata with { Labels = new Dictionary<string, string> { ["tier"] = "db" } } });
        var c = await vms.CreateAsync(Objects.Vm("c"));
        await vms.DeleteAsync("a");
        await handler.CountAsync(5);

        Assert.Equal(["add:a", "add:b"], handler.Seen.Take(2).Select(Strip).Order(StringComparer.Ordinal));
        Assert.All(handler.Seen.Take(2), line => Assert.EndsWith(":initial", line, StringComparison.Ordinal));
        Assert.Equal(["update:b", "add:c", "delete:a"], handler.Seen.Skip(2).Select(Strip));
        Assert.Equal(["b", "c"], informer.Lister.Namespace("inf").List().Select(v => v.Metadata.Name!).Order(StringComparer.Ordinal));
        Assert.Equal("db", informer.Lister.Get("inf", "b")?.Metadata.Label("tier"));
        Assert.Equal(c.Metadata.ResourceVersion, informer.Lister.Get("inf", "c")?.Metadata.ResourceVersion);
        if (watchList)
        {
            Assert.Empty(source.Lists);
            Assert.True(source.Watches[0].SendInitialEvents);
            Assert.Equal(ResourceVersionMatchValues.NotOlderThan, source.Watches[0].ResourceVersionMatch);
        }
        else
        {
            Assert.Equal("0", Assert.Single(source.Lists).ResourceVersion);
            Assert.Null(source.Watches[0].SendInitialEvents);
        }
    }

    [Fact]
    public async Task Informer_Bookmarks_AdvanceTheResourceVersionWithoutEvents()
    {
        // The server sends a bookmark 2 s before each watch times out; short watches make that happen quickly.
        var vms = _client.VirtualMachines("quiet");
        await vms.CreateAsync(Objects.Vm("a"));
        var source = new CountingListWatch<VirtualMachine>(vms);
        var (informer, handler) = Start(source, new ReflectorOptions { UseWatchList = false, MinWatchTimeout = TimeSpan.FromSeconds(3) });
        await informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        var synced = long.Parse(informer.LastSyncResourceVersion, System.Globalization.CultureInfo.InvariantCulture);

        // A change the informer does not see (another namespace) moves the server's revision past the informer's.
        var other = await _client.VirtualMachines("elsewhere").CreateAsync(Objects.Vm("x"));
        var otherVersion = long.Parse(other.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(
            () => source.Watches.Skip(1).Any(w => long.Parse(w.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture) >= otherVersion),
            "a re-watch started from a bookmark's resourceVersion");

        Assert.True(otherVersion > synced);
        Assert.Single(source.Lists);
        Assert.Equal(["add:a"], handler.Seen.Select(Strip));
        Assert.All(source.Watches, w => Assert.True(w.AllowWatchBookmarks));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Informer_ServerRestarts_WatchResumesFromTheLastResourceVersionWithoutRelisting(bool watchList)
    {
        var time = new ManualTimeProvider();
        var vms = _client.VirtualMachines("restart");
        await vms.CreateAsync(Objects.Vm("a"));
        var source = new CountingListWatch<VirtualMachine>(vms);
        var (informer, handler) = Start(source, Options(time, watchList));
        await informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        var lists = source.Lists.Count;
        var synced = informer.LastSyncResourceVersion;

        // The watch breaks; re-watching fails while the server is down, so the informer waits in its back-off.
        await _server.StopAsync();
        await time.WaitForAsync(t => t.ActiveTimers > 0);
        await _server.RestartAsync();
        await vms.CreateAsync(Objects.Vm("b"));
        time.Advance(Backoff);
        await handler.CountAsync(2);

        Assert.Equal(["add:a", "add:b"], handler.Seen.Select(Strip));
        Assert.Equal(lists, source.Lists.Count);
        Assert.Equal(watchList ? 1 : 0, source.Watches.Count(w => w.SendInitialEvents == true));
        Assert.All(source.Watches.Skip(1), w => Assert.Equal(synced, w.ResourceVersion));
        Assert.Equal(["a", "b"], informer.Indexer.List().Select(v => v.Metadata.Name!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Informer_WatchTooOld_410ThenRelistWithoutLostOrDuplicateState(bool watchList)
    {
        var time = new ManualTimeProvider();
        var vms = _client.VirtualMachines("gone");
        await vms.CreateAsync(Objects.Vm("keep"));
        await vms.CreateAsync(Objects.Vm("change"));
        await vms.CreateAsync(Objects.Vm("remove"));
        var source = new CountingListWatch<VirtualMachine>(vms);
        var (informer, handler) = Start(source, Options(time, watchList));
        await informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        await handler.CountAsync(3);
        var synced = informer.LastSyncResourceVersion;

        // While the informer waits in its back-off, the server changes things and restarts once more: its watch cache
        // then starts after the informer's resourceVersion, so resuming the watch is answered with 410 Expired.
        await _server.StopAsync();
        await time.WaitForAsync(t => t.ActiveTimers > 0);
        await _server.RestartAsync();
        var change = await vms.GetAsync("change");
        change = await vms.UpdateAsync(change with { Metadata = change.Metadata with { Labels = new Dictionary<string, string> { ["v"] = "2" } } });
        await vms.DeleteAsync("remove");
        await vms.CreateAsync(Objects.Vm("new"));
        await _server.RestartAsync();
        var expected = await vms.ListAsync();

        // Resume (410), back off, relist — each back-off passes when the test moves the clock.
        await AdvanceUntilAsync(time, () => handler.Seen.Count >= 7);

        Assert.Equal(
            expected.Items.Select(v => (v.Metadata.Name, v.Metadata.ResourceVersion)).Order(),
            informer.Indexer.List().Select(v => (v.Metadata.Name, v.Metadata.ResourceVersion)).Order());
        var afterRelist = handler.Seen.Skip(3).ToList();
        Assert.Equal(4, afterRelist.Count);
        Assert.Contains("delete:remove:tombstone:gone/remove", afterRelist.Select(StripVersion));
        Assert.Contains("add:new", afterRelist.Select(Strip));
        Assert.Contains($"update:change->{change.Metadata.ResourceVersion}", afterRelist.Select(StripOldVersion));
        Assert.Contains("update:keep", afterRelist.Select(Strip));

        // The relist asked for state at least as new as what the informer had (not a "0" cache read, not from scratch).
        if (watchList)
        {
            Assert.Empty(source.Lists);
            Assert.Equal(synced, source.Watches.Where(w => w.SendInitialEvents == true).Skip(1).First().ResourceVersion);
        }
        else
        {
            Assert.Equal(["0", synced], source.Lists.Select(l => l.ResourceVersion));
        }
    }

    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    private static ReflectorOptions Options(ManualTimeProvider time, bool watchList) => new()
    {
        UseWatchList = watchList,
        TimeProvider = time,
        InitialBackoff = Backoff,
        MaxBackoff = Backoff,

        // On the manual clock every watch would look "very short"; here a clean end must simply re-watch.
        ShortWatchThreshold = TimeSpan.Zero,
    };

    /// <summary>Advances the manual clock by one back-off whenever the informer waits, until <paramref name="done"/>.</summary>
    private static async Task AdvanceUntilAsync(ManualTimeProvider time, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the informer did not converge");
            if (time.ActiveTimers > 0)
            {
                time.Advance(Backoff);
            }

            await Task.Delay(Eventually.PollInterval);
        }
    }

    private static string Strip(string line) => line.Split('@')[0].Replace(":initial", "", StringComparison.Ordinal);

    private static string StripVersion(string line) => string.Join(":", line.Split(':').Select(p => p.Split('@')[0]));

    private static string StripOldVersion(string line) => line.Contains("->", StringComparison.Ordinal) ? line.Split('@')[0] + "->" + line.Split("->")[1] : line;

    private (SharedIndexInformer<VirtualMachine> Informer, RecordingHandler<VirtualMachine> Handler) Start(CountingListWatch<VirtualMachine> source, ReflectorOptions reflector)
    {
        var informer = new SharedIndexInformer<VirtualMachine>(source, new SharedIndexInformerOptions { Reflector = reflector with { Name = "vms" } }, new TestOutputLogger(output, "informer"));
        var handler = new RecordingHandler<VirtualMachine>();
        informer.AddEventHandler(handler);
        _runs.Add(informer.RunAsync(_stop.Token));
        return (informer, handler);
    }
}
