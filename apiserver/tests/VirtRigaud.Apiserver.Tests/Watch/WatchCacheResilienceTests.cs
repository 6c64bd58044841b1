using System.Diagnostics;
using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Watch;
using VirtRigaud.Storage;
using Xunit.Abstractions;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>Relisting after storage trouble, and the cost of many watchers.</summary>
public sealed class WatchCacheResilienceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StorageWatchExpired_CacheRelistsEndsWatchersAndServesTheNewState()
    {
        FaultInjectingStorage? faulty = null;
        await using var env = await WatchTestEnvironment.StartAsync(wrap: s => faulty = new FaultInjectingStorage(s));
        var a = await env.CreateAsync("ns1", "a");
        await env.WaitForCacheAsync(a);
        await using var watcher = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = a.ToString(CultureInfo.InvariantCulture) });

        // A write, then the store compacts past the cache's revision and the cache's storage watch expires.
        var b = await env.Sqlite.CreateAsync(WatchTestEnvironment.Key("ns1", "b"), env.Object("ns1", "b"));
        await env.Sqlite.CompactAsync(b.Revision);
        faulty!.FailOpenWatches(StorageException.Expired(env.Cache.Keys.ResourcePrefix, a, b.Revision));

        // Existing watchers end (their clients re-watch), the cache relists and watches again.
        await watcher.DrainAsync();
        await env.Cache.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(WatchTestEnvironment.Timeout);
        await env.WaitForCacheAsync(b.Revision);
        Assert.True(faulty.WatchStarts >= 2);

        var cached = await env.Store.TryListFromCacheAsync(WatchTestEnvironment.Scope(), new ListQuery { ResourceVersion = "0" }, CancellationToken.None);
        var stored = await env.Store.ListAsync(WatchTestEnvironment.Scope(), new ListQuery(), CancellationToken.None);
        Assert.Equal(stored.Items.Select(i => i.ToJsonString()), cached!.Items.Select(i => i.ToJsonString()));

        // A re-watch from before the relist is too old; a new watch sees new changes.
        var expired = await Assert.ThrowsAsync<StatusException>(() => env.Store.OpenWatchAsync(WatchTestEnvironment.Scope(), new ListQuery { Watch = true, ResourceVersion = a.ToString(CultureInfo.InvariantCulture) }, CancellationToken.None));
        Assert.Equal(410, expired.Code);
        await using var again = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = "0" });
        Assert.Equal([$"ADDED a {a}", $"ADDED b {b.Revision}"], await again.TakeAsync(2));
        var c = await env.CreateAsync("ns1", "c");
        Assert.Equal([$"ADDED c {c}"], await again.TakeAsync(1));
    }

    [Fact]
    public async Task StorageWatchFails_CacheRewatchesFromItsRevisionWithoutLosingWatchers()
    {
        FaultInjectingStorage? faulty = null;
        var options = new WatchCacheOptions { RetryInitialDelay = TimeSpan.FromMilliseconds(10) };
        await using var env = await WatchTestEnvironment.StartAsync(options, wrap: s => faulty = new FaultInjectingStorage(s));
        var a = await env.CreateAsync("ns1", "a");
        await env.WaitForCacheAsync(a);
        await using var watcher = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = a.ToString(CultureInfo.InvariantCulture) });

        faulty!.FailOpenWatches(new StorageException(StorageErrorCode.Unavailable, "", "connection lost"));
        var b = await env.CreateAsync("ns1", "b");
        Assert.Equal([$"ADDED b {b}"], await watcher.TakeAsync(1));
        Assert.True(faulty.WatchStarts >= 2);
    }

    [Fact]
    public async Task StorageDeletionWithoutLastValue_RemovesObjectAndSendsCachedLastState()
    {
        await using var env = await WatchTestEnvironment.StartAsync(wrap: s => new FaultInjectingStorage(s) { DropDeletedValues = true });
        var a = await env.CreateAsync("ns1", "a", new Dictionary<string, string> { ["app"] = "web" });
        await env.WaitForCacheAsync(a);
        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = a.ToString(CultureInfo.InvariantCulture) });

        var deleted = await env.DeleteAsync("ns1", "a");
        var e = await watch.NextAsync();

        Assert.Equal($"DELETED a {deleted}", WatchReader.Describe(e));
        Assert.Equal(deleted.ToString(CultureInfo.InvariantCulture), ObjectJson.GetString(e.Object, "resourceVersion"));
        Assert.Equal("web", e.Object["metadata"]!["labels"]!["app"]!.GetValue<string>());
        var cached = await env.Store.TryListFromCacheAsync(WatchTestEnvironment.Scope(), new ListQuery { ResourceVersion = "0" }, CancellationToken.None);
        Assert.Empty(cached!.Items);
    }

    [Fact]
    public async Task OpenWatchAsync_ThousandWatchers_AllReceiveTheEvent()
    {
        const int Watchers = 1000;
        await using var env = await WatchTestEnvironment.StartAsync();
        await env.WaitForCacheAsync(await env.CreateAsync("ns1", "seed"));
        var rv = env.Cache.Revision.ToString(CultureInfo.InvariantCulture);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var readers = new List<WatchReader>(Watchers);
        try
        {
            for (var i = 0; i < Watchers; i++)
            {
                readers.Add(await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = rv, AllowWatchBookmarks = true }));
            }

            var opened = clock.Elapsed;
            var pending = readers.Select(r => r.NextAsync()).ToList();
            var memory = GC.GetTotalMemory(forceFullCollection: true) - before;

            clock.Restart();
            var created = await env.CreateAsync("ns1", "fan-out");
            var received = await Task.WhenAll(pending);
            var fanOut = clock.Elapsed;

            Assert.All(received, e => Assert.Equal($"ADDED fan-out {created}", WatchReader.Describe(e)));
            Assert.Equal(Watchers, env.Cache.WatcherCount);
            output.WriteLine($"{Watchers} watchers: opened in {opened.TotalMilliseconds:F0} ms, {memory / Watchers} bytes each (waiting), one event to all in {fanOut.TotalMilliseconds:F1} ms");
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }

        Assert.Equal(0, env.Cache.WatcherCount);
    }
}
