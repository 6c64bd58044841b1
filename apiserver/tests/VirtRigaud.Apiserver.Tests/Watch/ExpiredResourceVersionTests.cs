using System.Globalization;
using VirtRigaud.Apiserver.Tests.Testing;
using VirtRigaud.Storage;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>
/// A resourceVersion older than the store's compaction point, through HTTP, as kube-apiserver answers it: a watch is
/// established (200) and ends with one ERROR event carrying the 410 Expired Status (client-go's reflector then
/// relists); a list at that exact version, or its continue token, is an HTTP 410.
/// </summary>
public sealed class ExpiredResourceVersionTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TestApiServer _server = null!;
    private string _oldResourceVersion = "";
    private string _continue = "";
    private long _compactedAt;

    public async Task InitializeAsync()
    {
        _server = await TestApiServer.StartAsync();
        var first = await CreateAsync(_server.Client, "old", "virtualmachines", Vm("a", "old"));
        _oldResourceVersion = Str(first["metadata"]!["resourceVersion"]);
        await CreateAsync(_server.Client, "old", "virtualmachines", Vm("b", "old"));
        var page = await GetAsync(_server.Client, Path("old", "virtualmachines", query: "?limit=1"));
        _continue = Str(page.Json["metadata"]!["continue"]);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(_server.Client, "old", "virtualmachines", Vm($"later-{i}", "old"));
        }

        var storage = _server.GetRequiredService<IStorage>();
        _compactedAt = await storage.GetCurrentRevisionAsync();
        await storage.CompactAsync(_compactedAt);

        // A fresh watch cache: its window starts at the compacted store's revision, so nothing older can be resumed.
        await _server.RestartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("?watch=true&resourceVersion={0}")]
    [InlineData("?watch=true&resourceVersion={0}&allowWatchBookmarks=true&fieldSelector=metadata.name%3Da")]
    public async Task Watch_ResourceVersionOlderThanCompaction_Is200ThenOneErrorEvent410(string query)
    {
        await using var watch = await HttpWatch.OpenAsync(_server.Client, Path("old", "virtualmachines", query: string.Format(CultureInfo.InvariantCulture, query, _oldResourceVersion)));

        var error = await watch.NextAsync(Patience);
        var end = await watch.NextAsync(Patience);

        Assert.Equal(200, watch.Code);
        Assert.Equal("ERROR", Str(error?["type"]));
        var status = error!["object"]!;
        Assert.Equal(("Status", "Failure", "Expired", 410), (Str(status["kind"]), Str(status["status"]), Str(status["reason"]), status["code"]!.GetValue<int>()));
        Assert.StartsWith($"too old resource version: {_oldResourceVersion} (", Str(status["message"]), StringComparison.Ordinal);
        Assert.Null(end);
    }

    [Fact]
    public async Task Watch_FromTheCompactedRevision_IsServed()
    {
        await using var watch = await HttpWatch.OpenAsync(_server.Client, Path("old", "virtualmachines", query: $"?watch=true&resourceVersion={_compactedAt}&timeoutSeconds=5"));
        await CreateAsync(_server.Client, "old", "virtualmachines", Vm("after", "old"));

        var added = await watch.NextAsync(Patience);

        Assert.Equal(200, watch.Code);
        Assert.Equal(("ADDED", "after"), (Str(added?["type"]), Str(added?["object"]?["metadata"]?["name"])));
    }

    [Fact]
    public async Task List_ExactResourceVersionOlderThanCompaction_Is410()
    {
        var response = await GetAsync(_server.Client, Path("old", "virtualmachines", query: $"?resourceVersion={_oldResourceVersion}&resourceVersionMatch=Exact"));

        Assert.Equal(410, response.Code);
        Assert.Equal(("Failure", "Expired"), (Str(response.Json["status"]), Str(response.Json["reason"])));
    }

    [Fact]
    public async Task List_ContinueTokenOlderThanCompaction_Is410()
    {
        var response = await GetAsync(_server.Client, Path("old", "virtualmachines", query: "?limit=1&continue=" + Uri.EscapeDataString(_continue)));

        Assert.Equal(410, response.Code);
        Assert.Equal("Expired", Str(response.Json["reason"]));
        Assert.Equal(
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
            Str(response.Json["message"]));
    }
}
