using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class WatchAndGarbageCollectionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Watch_Stream_DeliversAddedModifiedDeletedInOrder()
    {
        var ns = fixture.NewNamespace("watch");
        var created = await CreateAsync(Client, ns, "virtualmachines", Vm("w", ns));
        var rv = Str(created["metadata"]!["resourceVersion"]);
        await using var watch = await WatchStream.OpenAsync(Client, Path(ns, "virtualmachines", query: $"?watch=true&resourceVersion={rv}&timeoutSeconds=30"));

        await PatchAsync(Client, Path(ns, "virtualmachines", "w"), """{"metadata":{"labels":{"x":"1"}}}""");
        await CreateAsync(Client, ns, "virtualmachines", Vm("w2", ns));
        await DeleteAsync(Client, Path(ns, "virtualmachines", "w"));

        var events = await watch.ReadAsync(3, Patience);
        Assert.Equal("application/json", watch.ContentType);
        Assert.Equal(["MODIFIED", "ADDED", "DELETED"], events.Select(e => Str(e["type"])));
        Assert.Equal(["w", "w2", "w"], events.Select(e => Str(e["object"]!["metadata"]!["name"])));
        Assert.Equal("VirtualMachine", Str(events[0]["object"]!["kind"]));
    }

    [Fact]
    public async Task Watch_ByNameWithInitialEvents_StartsWithAdded()
    {
        var ns = fixture.NewNamespace("watchname");
        await CreateAsync(Client, ns, "virtualmachines", Vm("a", ns));
        await CreateAsync(Client, ns, "virtualmachines", Vm("b", ns));
        await using var watch = await WatchStream.OpenAsync(Client, Path(ns, "virtualmachines", query: "?watch=1&fieldSelector=metadata.name%3Db&timeoutSeconds=30"));

        var events = await watch.ReadAsync(1, Patience);

        Assert.Equal("ADDED", Str(events[0]["type"]));
        Assert.Equal("b", Str(events[0]["object"]!["metadata"]!["name"]));
    }

    [Fact]
    public async Task Watch_SendInitialEvents_EndsInitialEventsWithBookmark()
    {
        var ns = fixture.NewNamespace("watchlist");
        await CreateAsync(Client, ns, "virtualmachines", Vm("a", ns));
        await using var watch = await WatchStream.OpenAsync(Client, Path(ns, "virtualmachines", query: "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30"));

        var events = await watch.ReadAsync(2, Patience);

        Assert.Equal(["ADDED", "BOOKMARK"], events.Select(e => Str(e["type"])));
        Assert.Equal("true", Str(events[1]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]));
    }

    [Fact]
    public async Task Watch_TableAndPartialObjectMetadata_TransformEvents()
    {
        var ns = fixture.NewNamespace("watchtable");
        await CreateAsync(Client, ns, "virtualmachines", Vm("a", ns));
        await CreateAsync(Client, ns, "virtualmachines", Vm("b", ns));
        await using var table = await WatchStream.OpenAsync(Client, Path(ns, "virtualmachines", query: "?watch=true&timeoutSeconds=30"), "application/json;as=Table;v=v1;g=meta.k8s.io");
        await using var metadata = await WatchStream.OpenAsync(Client, Path(ns, "virtualmachines", query: "?watch=true&timeoutSeconds=30"), "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");

        var tables = await table.ReadAsync(2, Patience);
        var partial = await metadata.ReadAsync(2, Patience);

        Assert.All(tables, e => Assert.Equal("Table", Str(e["object"]!["kind"])));
        Assert.NotNull(tables[0]["object"]!["columnDefinitions"]);
        Assert.Null(tables[1]["object"]!["columnDefinitions"]);
        Assert.Single(tables[1]["object"]!["rows"]!.AsArray());
        Assert.All(partial, e => Assert.Equal("PartialObjectMetadata", Str(e["object"]!["kind"])));
        Assert.Null(partial[0]["object"]!["spec"]);
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsTheStream()
    {
        var ns = fixture.NewNamespace("watchtimeout");
        await using var watch = await WatchStream.OpenAsync(Client, Path(ns, "virtualmachines", query: "?watch=true&timeoutSeconds=1"));

        Assert.True(await watch.EndsWithinAsync(Patience));
    }

    [Fact]
    public async Task Watch_InvalidOptions_IsAnErrorResponse()
    {
        var response = await GetAsync(Client, Path("x", "virtualmachines", query: "?watch=true&sendInitialEvents=true"));

        Assert.Equal(422, response.Code);
    }

    [Fact]
    public async Task Delete_Foreground_DeletesDependentsThenOwner()
    {
        var ns = fixture.NewNamespace("fg");
        var owner = await CreateAsync(Client, ns, "vmsets", VmSet("set", ns, 1));
        await CreateAsync(Client, ns, "virtualmachines", Dependent("child", ns, owner, block: true));

        var response = await DeleteAsync(Client, Path(ns, "vmsets", "set"), """{"propagationPolicy":"Foreground"}""");

        Assert.Equal(200, response.Code);
        Assert.Contains("foregroundDeletion", response.Json["metadata"]!["finalizers"]!.AsArray().Select(f => Str(f)));
        await Eventually(async () => (await GetAsync(Client, Path(ns, "virtualmachines", "child"))).Code == 404);
        await Eventually(async () => (await GetAsync(Client, Path(ns, "vmsets", "set"))).Code == 404);
    }

    [Fact]
    public async Task Delete_Orphan_KeepsDependentsWithoutTheOwnerReference()
    {
        var ns = fixture.NewNamespace("orphan");
        var owner = await CreateAsync(Client, ns, "vmsets", VmSet("set", ns, 1));
        await CreateAsync(Client, ns, "virtualmachines", Dependent("child", ns, owner, block: false));

        var response = await DeleteAsync(Client, Path(ns, "vmsets", "set", query: "?propagationPolicy=Orphan"));

        Assert.Equal(200, response.Code);
        await Eventually(async () => (await GetAsync(Client, Path(ns, "vmsets", "set"))).Code == 404);
        var child = await GetAsync(Client, Path(ns, "virtualmachines", "child"));
        Assert.Equal(200, child.Code);
        Assert.Null(child.Json["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task Delete_Background_CollectsDependentsOfTheGoneOwner()
    {
        var ns = fixture.NewNamespace("bg");
        var owner = await CreateAsync(Client, ns, "vmsets", VmSet("set", ns, 1));
        await CreateAsync(Client, ns, "virtualmachines", Dependent("child", ns, owner, block: false));
        await CreateAsync(Client, ns, "virtualmachines", Vm("unowned", ns));

        var response = await DeleteAsync(Client, Path(ns, "vmsets", "set"));

        Assert.Equal(200, response.Code);
        await Eventually(async () => (await GetAsync(Client, Path(ns, "virtualmachines", "child"))).Code == 404);
        Assert.Equal(200, (await GetAsync(Client, Path(ns, "virtualmachines", "unowned"))).Code);
    }

    private static JsonObject Dependent(string name, string ns, JsonObject owner, bool block)
    {
        var vm = Vm(name, ns);
        vm["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "VMSet",
            ["name"] = Str(owner["metadata"]!["name"]),
            ["uid"] = Str(owner["metadata"]!["uid"]),
            ["controller"] = true,
            ["blockOwnerDeletion"] = block,
        });
        return vm;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, "the condition did not hold in time");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>An open watch response read line by line.</summary>
    private sealed class WatchStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private WatchStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

        public static async Task<WatchStream> OpenAsync(HttpClient client, string path, string accept = "application/json")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            return new WatchStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        public async Task<List<JsonNode>> ReadAsync(int count, TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            var events = new List<JsonNode>();
            while (events.Count < count)
            {
                var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new InvalidOperationException($"the watch ended after {events.Count} events");
                events.Add(JsonNode.Parse(line)!);
            }

            return events;
        }

        public async Task<bool> EndsWithinAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            while (await _reader.ReadLineAsync(cancel.Token) is not null)
            {
            }

            return true;
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
