using System.Globalization;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Watch;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>Watches served by the watch cache over a real SQLite store.</summary>
public sealed class WatchCacheWatchTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web" };
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db" };

    private static string Rv(long revision) => revision.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public async Task OpenWatchAsync_UnsetOrZeroResourceVersion_SendsCurrentStateThenChanges(string? resourceVersion)
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var a = await env.CreateAsync("ns1", "a");
        var b = await env.CreateAsync("ns2", "b");
        await env.WaitForCacheAsync(b);

        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = resourceVersion });
        Assert.Equal([$"ADDED a {a}", $"ADDED b {b}"], await watch.TakeAsync(2));

        var c = await env.CreateAsync("ns1", "c");
        var a2 = await env.UpdateAsync("ns1", "a");
        var bGone = await env.DeleteAsync("ns2", "b");
        var changes = new List<ObjectEvent> { await watch.NextAsync(), await watch.NextAsync(), await watch.NextAsync() };
        Assert.Equal([$"ADDED c {c}", $"MODIFIED a {a2}", $"DELETED b {bGone}"], changes.Select(WatchReader.Describe));

        // Every object carries the resourceVersion of its change; a deletion carries the deletion's.
        Assert.All(changes, e => Assert.Equal(Rv(e.Revision), ObjectJson.GetString(e.Object, "resourceVersion")));
        Assert.Equal("Running", changes[1].Object["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenWatchAsync_FromEachRevisionInWindow_ResumesWithExactlyTheLaterEvents()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var first = await env.CreateAsync("ns1", "seed");
        var expected = new List<(long Revision, string Event)>();
        async Task Record(string type, string name, Task<long> write)
        {
            var revision = await write;
            expected.Add((revision, $"{type} {name} {revision}"));
        }

        await Record("ADDED", "a", env.CreateAsync("ns1", "a"));
        await Record("MODIFIED", "a", env.UpdateAsync("ns1", "a"));
        await env.WriteOtherResourceAsync("other-1");
        await Record("ADDED", "b", env.CreateAsync("ns2", "b"));
        await Record("DELETED", "a", env.DeleteAsync("ns1", "a"));
        await env.WriteOtherResourceAsync("other-2");
        await Record("MODIFIED", "seed", env.UpdateAsync("ns1", "seed"));
        await Record("ADDED", "a", env.CreateAsync("ns1", "a"));
        var last = expected[^1].Revision;
        await env.WaitForCacheAsync(last);

        var readers = new List<(long From, WatchReader Reader)>();
        try
        {
            for (var from = first; from <= last; from++)
            {
                readers.Add((from, await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(from) })));
            }

            var sentinel = await env.CreateAsync("ns3", "sentinel");
            foreach (var (from, reader) in readers)
            {
                var want = expected.Where(e => e.Revision > from).Select(e => e.Event).Append($"ADDED sentinel {sentinel}").ToList();
                Assert.Equal(want, await reader.TakeAsync(want.Count));
            }
        }
        finally
        {
            foreach (var (_, reader) in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OpenWatchAsync_ResourceVersionOlderThanWindow_ThrowsExpired()
    {
        await using var env = await WatchTestEnvironment.StartAsync(new WatchCacheOptions { WindowCapacity = 4, WindowMinimum = 0 });
        var created = await env.CreateAsync("ns1", "a");
        long last = 0;
        for (var i = 0; i < 10; i++)
        {
            last = await env.UpdateAsync("ns1", "a", phase: $"P{i}");
        }

        await env.WaitForCacheAsync(last);
        var oldest = env.Cache.OldestServableRevision;
        Assert.True(oldest > created, $"the window should have dropped events (oldest servable {oldest})");

        var e = await Assert.ThrowsAsync<StatusException>(() => env.Store.OpenWatchAsync(WatchTestEnvironment.Scope(), new ListQuery { Watch = true, ResourceVersion = Rv(oldest - 1) }, CancellationToken.None));
        Assert.Equal(410, e.Code);
        Assert.Equal(StatusReasons.Expired, e.Reason);
        Assert.Equal($"too old resource version: {oldest - 1} ({oldest})", e.Status.Message);

        // The contract form throws the same from the first MoveNextAsync, before any event.
        var fromEnumeration = await Assert.ThrowsAsync<StatusException>(async () =>
        {
            await foreach (var unused in env.Store.WatchAsync(WatchTestEnvironment.Scope(), new ListQuery { Watch = true, ResourceVersion = Rv(oldest - 1) }, CancellationToken.None))
            {
                Assert.Fail($"no event expected, got {unused.Type}");
            }
        });
        Assert.Equal(410, fromEnumeration.Code);

        // The oldest servable revision itself still resumes, with the 4 events of the window.
        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(oldest) });
        var events = await watch.TakeAsync(4);
        Assert.Equal($"MODIFIED a {last}", events[^1]);
    }

    [Fact]
    public async Task OpenWatchAsync_LabelSelector_SendsAddedAndDeletedWhenObjectsEnterAndLeave()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(env.Cache.Revision), LabelSelector = Selector.Parse("app=web") });

        var created = await env.CreateAsync("ns1", "a", Web);
        await env.CreateAsync("ns1", "invisible", Db);
        var left = await env.UpdateAsync("ns1", "a", Db);
        await env.UpdateAsync("ns1", "a", Db, phase: "Still-db");
        var back = await env.UpdateAsync("ns1", "a", Web);
        var modified = await env.UpdateAsync("ns1", "a", Web, phase: "Stopped");
        var deleted = await env.DeleteAsync("ns1", "a");

        var events = new List<ObjectEvent>();
        for (var i = 0; i < 5; i++)
        {
            events.Add(await watch.NextAsync());
        }

        Assert.Equal(
            [$"ADDED a {created}", $"DELETED a {left}", $"ADDED a {back}", $"MODIFIED a {modified}", $"DELETED a {deleted}"],
            events.Select(WatchReader.Describe));

        // Leaving the selection: the old state (still app=web) stamped with the change's resourceVersion, as the cacher does.
        Assert.Equal("web", events[1].Object["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal(Rv(left), ObjectJson.GetString(events[1].Object, "resourceVersion"));
    }

    [Fact]
    public async Task OpenWatchAsync_FieldSelector_FiltersOnSelectableField()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = "0", FieldSelector = Api.Machinery.Fields.FieldSelector.Parse("status.phase=Running") });

        await env.CreateAsync("ns1", "a");
        var running = await env.UpdateAsync("ns1", "a", phase: "Running");
        var stopped = await env.UpdateAsync("ns1", "a", phase: "Stopped");

        Assert.Equal([$"ADDED a {running}", $"DELETED a {stopped}"], await watch.TakeAsync(2));
    }

    [Fact]
    public async Task OpenWatchAsync_UnsupportedFieldSelector_ThrowsBadRequest()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var e = await Assert.ThrowsAsync<StatusException>(() => env.Store.OpenWatchAsync(
            WatchTestEnvironment.Scope(), new ListQuery { Watch = true, FieldSelector = Api.Machinery.Fields.FieldSelector.Parse("spec.nope=x") }, CancellationToken.None));
        Assert.Equal(400, e.Code);
    }

    [Fact]
    public async Task OpenWatchAsync_Namespace_SeesOnlyThatNamespace()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var a = await env.CreateAsync("ns1", "a");
        await env.CreateAsync("ns2", "b");
        await env.WaitForCacheAsync(await env.CreateAsync("ns2", "c"));

        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true }, ns: "ns1");
        Assert.Equal([$"ADDED a {a}"], await watch.TakeAsync(1));

        await env.UpdateAsync("ns2", "b");
        await env.DeleteAsync("ns2", "c");
        var d = await env.CreateAsync("ns1", "d");
        Assert.Equal([$"ADDED d {d}"], await watch.TakeAsync(1));
    }

    [Fact]
    public async Task OpenWatchAsync_SendInitialEvents_EndsInitialEventsWithAnnotatedBookmark()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var a = await env.CreateAsync("ns1", "a");
        var b = await env.CreateAsync("ns1", "b");
        await env.WaitForCacheAsync(b);

        // The cache lags the store (another resource was written): the state must still be as new as the store.
        var storeRevision = await env.WriteOtherResourceAsync("other");
        var query = new ListQuery { Watch = true, SendInitialEvents = true, ResourceVersionMatch = "NotOlderThan", AllowWatchBookmarks = true };
        await using var watch = await WatchReader.OpenAsync(env.Store, query);
        Assert.Equal([$"ADDED a {a}", $"ADDED b {b}"], await watch.TakeAsync(2));

        var bookmark = await watch.NextAsync();
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.True(bookmark.Revision >= storeRevision, $"bookmark {bookmark.Revision} is older than the store at request time ({storeRevision})");
        AssertBookmarkShape(bookmark, initialEventsEnd: true);

        var c = await env.CreateAsync("ns1", "c");
        Assert.Equal([$"ADDED c {c}"], await watch.TakeAsync(1));
    }

    [Fact]
    public async Task OpenWatchAsync_SendInitialEventsOnEmptyCollection_SendsOnlyTheBookmark()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        await env.CreateAsync("ns1", "a");
        var query = new ListQuery { Watch = true, SendInitialEvents = true, ResourceVersionMatch = "NotOlderThan", ResourceVersion = "0", AllowWatchBookmarks = true };
        await using var watch = await WatchReader.OpenAsync(env.Store, query, ns: "empty");

        var bookmark = await watch.NextAsync();
        AssertBookmarkShape(bookmark, initialEventsEnd: true);
    }

    [Fact]
    public async Task OpenWatchAsync_SendInitialEventsFalseWithResourceVersion_SendsOnlyLaterChanges()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var a = await env.CreateAsync("ns1", "a");
        var query = new ListQuery { Watch = true, SendInitialEvents = false, ResourceVersion = Rv(a), ResourceVersionMatch = "NotOlderThan" };
        await using var watch = await WatchReader.OpenAsync(env.Store, query);
        var b = await env.CreateAsync("ns1", "b");
        Assert.Equal([$"ADDED b {b}"], await watch.TakeAsync(1));
    }

    [Fact]
    public async Task OpenWatchAsync_AllowWatchBookmarks_SendsBookmarkEveryIntervalAndBeforeTimeout()
    {
        var time = new FakeTimeProvider();
        await using var env = await WatchTestEnvironment.StartAsync(new WatchCacheOptions { BookmarkInterval = TimeSpan.FromMinutes(1), Tick = TimeSpan.FromSeconds(1) }, time);
        var a = await env.CreateAsync("ns1", "a");
        await env.WaitForCacheAsync(a);
        await using var periodic = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(a), AllowWatchBookmarks = true });
        await using var withTimeout = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(a), AllowWatchBookmarks = true, TimeoutSeconds = 10 });
        await using var without = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(a) });

        // 8 s in: only the watch with a 10 s timeout is due (2 s before its end).
        time.Advance(TimeSpan.FromSeconds(8));
        var early = await withTimeout.NextAsync();
        Assert.Equal(WatchEventType.Bookmark, early.Type);
        Assert.Equal(a, early.Revision);
        AssertBookmarkShape(early, initialEventsEnd: false);

        var b = await env.CreateAsync("ns1", "b");
        Assert.Equal([$"ADDED b {b}"], await periodic.TakeAsync(1));
        Assert.Equal([$"ADDED b {b}"], await without.TakeAsync(1));

        // 60 s in: the periodic bookmark, at the cache's revision.
        await env.WaitForCacheAsync(b);
        time.Advance(TimeSpan.FromSeconds(52));
        var bookmark = await periodic.NextAsync();
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.True(bookmark.Revision >= b);
        AssertBookmarkShape(bookmark, initialEventsEnd: false);

        // Bookmarks were not asked for here: the next thing is the next change.
        var c = await env.CreateAsync("ns1", "c");
        Assert.Equal([$"ADDED c {c}"], await without.TakeAsync(1));
    }

    [Fact]
    public async Task OpenWatchAsync_ConcurrentWriters_DeliversEveryEventInRevisionOrder()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(env.Cache.Revision) });
        const int Writers = 4, PerWriter = 40;
        var revisions = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                mine.Add(i % 2 == 0 ? await env.CreateAsync($"ns{w}", $"o{i}") : await env.UpdateAsync($"ns{w}", $"o{i - 1}"));
            }

            return mine;
        })));

        var received = new List<long>();
        for (var i = 0; i < Writers * PerWriter; i++)
        {
            received.Add((await watch.NextAsync()).Revision);
        }

        Assert.Equal(revisions.SelectMany(r => r).Order(), received);
    }

    [Fact]
    public async Task OpenWatchAsync_SlowWatcher_IsTerminatedAfterItsBufferWhileOthersContinue()
    {
        await using var env = await WatchTestEnvironment.StartAsync(new WatchCacheOptions { WatcherBufferSize = 8 });
        var start = Rv(env.Cache.Revision);
        await using var slow = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = start });
        await using var fast = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = start });
        Assert.Equal(2, env.Cache.WatcherCount);

        var written = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            written.Add($"ADDED o{i} {await env.CreateAsync("ns1", $"o{i}")}");
            Assert.Equal([written[^1]], await fast.TakeAsync(1));
        }

        // The slow watcher gets what was queued when it fell behind, then its stream ends (the client re-watches).
        Assert.Equal(written.Take(8), await slow.DrainAsync());
        Assert.Equal(1, env.Cache.WatcherCount);
    }

    [Fact]
    public async Task OpenWatchAsync_TooLargeResourceVersion_ThrowsTimeoutWithCause()
    {
        await using var env = await WatchTestEnvironment.StartAsync(new WatchCacheOptions { TooLargeWait = TimeSpan.FromMilliseconds(50) });
        var current = await env.CreateAsync("ns1", "a");
        var e = await Assert.ThrowsAsync<StatusException>(() => env.Store.OpenWatchAsync(
            WatchTestEnvironment.Scope(), new ListQuery { Watch = true, ResourceVersion = Rv(current + 100) }, CancellationToken.None));

        Assert.Equal(504, e.Code);
        Assert.Equal(StatusReasons.Timeout, e.Reason);
        Assert.Equal($"Timeout: Too large resource version: {current + 100}, current: {current}", e.Status.Message);
        Assert.Equal("ResourceVersionTooLarge", Assert.Single(e.Status.Details!.Causes!).Reason);
        Assert.Equal(1, e.Status.Details.RetryAfterSeconds);
    }

    [Fact]
    public async Task OpenWatchAsync_ResourceVersionOfAnotherResourceWrite_StartsAfterIt()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var a = await env.CreateAsync("ns1", "a");
        await env.WaitForCacheAsync(a);

        // A list of another resource may return a revision this cache has not seen yet: that is not "too large".
        var other = await env.WriteOtherResourceAsync("other");
        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(other) });
        var b = await env.CreateAsync("ns1", "b");
        Assert.Equal([$"ADDED b {b}"], await watch.TakeAsync(1));
    }

    [Fact]
    public async Task WatchAsync_Cancelled_EndsPromptlyAndUnregisters()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        await using var watch = await WatchReader.OpenAsync(env.Store, new ListQuery { Watch = true, ResourceVersion = Rv(env.Cache.Revision) });
        Assert.Equal(1, env.Cache.WatcherCount);
        var ended = watch.EndsAsync();
        await watch.CancelAsync();
        Assert.True(await ended);
        Assert.Equal(0, env.Cache.WatcherCount);
    }

    [Fact]
    public async Task OpenWatchAsync_NoCacheAttached_ThrowsInvalidOperation()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var bare = new ResourceStore(WatchTestEnvironment.Kind, env.Storage, [], TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bare.OpenWatchAsync(WatchTestEnvironment.Scope(), new ListQuery { Watch = true }, CancellationToken.None));
    }

    private static void AssertBookmarkShape(ObjectEvent bookmark, bool initialEventsEnd)
    {
        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        var obj = bookmark.Object;
        Assert.Equal(["apiVersion", "kind", "metadata"], obj.Select(p => p.Key).Order());
        Assert.Equal("infra.virtrigaud.io/v1beta1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal("VirtualMachine", obj["kind"]!.GetValue<string>());
        var metadata = (JsonObject)obj["metadata"]!;
        Assert.Equal(Rv(bookmark.Revision), metadata["resourceVersion"]!.GetValue<string>());
        if (initialEventsEnd)
        {
            Assert.Equal(["annotations", "resourceVersion"], metadata.Select(p => p.Key).Order());
            Assert.Equal("true", metadata["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(["resourceVersion"], metadata.Select(p => p.Key));
        }
    }
}
