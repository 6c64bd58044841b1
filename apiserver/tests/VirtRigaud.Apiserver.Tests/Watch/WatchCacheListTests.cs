using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Fields;
using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>Lists and gets served from the watch cache, compared with the same reads from storage.</summary>
public sealed class WatchCacheListTests
{
    public static TheoryData<string, string, string> Queries => new()
    {
        { "", "", "" },
        { "ns1", "", "" },
        { "", "app=web", "" },
        { "ns2", "app!=web", "" },
        { "", "", "status.phase=Running" },
        { "", "", "metadata.namespace=ns2,metadata.name!=b" },
        { "missing", "", "" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task TryListFromCacheAsync_ResourceVersionZero_EqualsStorageList(string ns, string labelSelector, string fieldSelector)
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        await env.CreateAsync("ns1", "a", new Dictionary<string, string> { ["app"] = "web" });
        await env.CreateAsync("ns1", "b", new Dictionary<string, string> { ["app"] = "db" });
        await env.CreateAsync("ns2", "b", new Dictionary<string, string> { ["app"] = "web" });
        await env.CreateAsync("ns2", "c");
        await env.UpdateAsync("ns2", "c", phase: "Running");
        await env.CreateAsync("ns3", "d");
        var last = await env.DeleteAsync("ns3", "d");
        await env.WaitForCacheAsync(last);

        var query = new ListQuery
        {
            LabelSelector = Selector.Parse(labelSelector),
            FieldSelector = FieldSelector.Parse(fieldSelector),
        };
        var cached = await env.Store.TryListFromCacheAsync(WatchTestEnvironment.Scope(ns), query with { ResourceVersion = "0" }, CancellationToken.None);
        var stored = await env.Store.ListAsync(WatchTestEnvironment.Scope(ns), query, CancellationToken.None);

        Assert.NotNull(cached);
        Assert.Equal(stored.ResourceVersion, cached.ResourceVersion);
        Assert.Equal(stored.Items.Select(i => i.ToJsonString()), cached.Items.Select(i => i.ToJsonString()));
        Assert.Null(cached.Continue);
    }

    [Fact]
    public async Task TryListFromCacheAsync_ResourceVersionZeroWithLimit_ReturnsEverything()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        await env.CreateAsync("ns1", "a");
        await env.WaitForCacheAsync(await env.CreateAsync("ns1", "b"));

        var cached = await env.Store.TryListFromCacheAsync(WatchTestEnvironment.Scope(), new ListQuery { ResourceVersion = "0", Limit = 1 }, CancellationToken.None);

        Assert.NotNull(cached);
        Assert.Equal(2, cached.Items.Count);
        Assert.Null(cached.Continue);
    }

    [Fact]
    public async Task TryListFromCacheAsync_RequestsTheCacheCannotServe_ReturnNull()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var a = await env.CreateAsync("ns1", "a");
        await env.WaitForCacheAsync(a);
        var rv = a.ToString(CultureInfo.InvariantCulture);
        var newer = (a + 5).ToString(CultureInfo.InvariantCulture);

        ListQuery[] delegated =
        [
            new(),                                                             // consistent read
            new() { ResourceVersion = rv, ResourceVersionMatch = "Exact" },
            new() { ResourceVersion = rv, Limit = 10 },                        // paged at N
            new() { Continue = "token" },
            new() { ResourceVersion = newer },                                 // the cache has not reached it
        ];
        foreach (var query in delegated)
        {
            Assert.Null(await env.Store.TryListFromCacheAsync(WatchTestEnvironment.Scope(), query, CancellationToken.None));
        }

        var notOlder = await env.Store.TryListFromCacheAsync(WatchTestEnvironment.Scope(), new ListQuery { ResourceVersion = rv, ResourceVersionMatch = "NotOlderThan" }, CancellationToken.None);
        Assert.NotNull(notOlder);
        Assert.True(notOlder.ResourceVersion >= a);
    }

    [Fact]
    public async Task TryGetFromCacheAsync_ResourceVersionZero_ReturnsCopyOrNotFound()
    {
        await using var env = await WatchTestEnvironment.StartAsync();
        var a = await env.CreateAsync("ns1", "a");
        await env.WaitForCacheAsync(a);

        var found = await env.Store.TryGetFromCacheAsync(WatchTestEnvironment.Scope("ns1"), "a", "0", CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(a.ToString(CultureInfo.InvariantCulture), ObjectJson.GetString(found, "resourceVersion"));

        // A private copy: changing it does not change what the next reader sees.
        found["status"] = null;
        var again = await env.Store.TryGetFromCacheAsync(WatchTestEnvironment.Scope("ns1"), "a", "0", CancellationToken.None);
        Assert.NotNull(again!["status"]);

        var missing = await Assert.ThrowsAsync<StatusException>(() => env.Store.TryGetFromCacheAsync(WatchTestEnvironment.Scope("ns1"), "nope", "0", CancellationToken.None));
        Assert.Equal(404, missing.Code);
        Assert.Null(await env.Store.TryGetFromCacheAsync(WatchTestEnvironment.Scope("ns1"), "a", "", CancellationToken.None));
    }
}
