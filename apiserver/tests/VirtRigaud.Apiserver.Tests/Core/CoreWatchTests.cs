using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>Watches of the core resources: the same watch cache machinery as our own kinds, across a server restart.</summary>
public sealed class CoreWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private TestApiServer _server = null!;

    public async Task InitializeAsync() => _server = await TestApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Watch_ConfigMapsFromAResourceVersion_ResumesAfterARestart()
    {
        var created = await CoreApi.CreateAsync(_server.Client, CoreApi.V1("watch", "configmaps"), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "cm" },
            ["data"] = new JsonObject { ["k"] = "1" },
        });
        var resourceVersion = (string)created["metadata"]!["resourceVersion"]!;
        await _server.RestartAsync();
        var changed = await CoreApi.PatchAsync(_server.Client, CoreApi.V1("watch", "configmaps", "cm"), """{"data":{"k":"2"}}""");

        using var cancel = new CancellationTokenSource(Patience);
        var path = "/api/v1/configmaps?watch=1&allowWatchBookmarks=true&timeoutSeconds=30&resourceVersion=" + resourceVersion;
        using var response = await _server.Client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var first = JsonNode.Parse((await reader.ReadLineAsync(cancel.Token))!)!;

        Assert.Equal(200, changed.Code);
        Assert.Equal("MODIFIED", (string?)first["type"]);
        Assert.Equal("2", (string?)first["object"]!["data"]!["k"]);
        Assert.Equal((string?)changed.Json["metadata"]!["resourceVersion"], (string?)first["object"]!["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Watch_SecretsWithInitialEvents_EndsTheInitialListWithTheBookmark()
    {
        await CoreApi.CreateAsync(_server.Client, CoreApi.V1("watch-list", "secrets"), new JsonObject { ["metadata"] = new JsonObject { ["name"] = "s" } });

        using var cancel = new CancellationTokenSource(Patience);
        const string path = "/api/v1/namespaces/watch-list/secrets?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30";
        using var response = await _server.Client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var added = JsonNode.Parse((await reader.ReadLineAsync(cancel.Token))!)!;
        var bookmark = JsonNode.Parse((await reader.ReadLineAsync(cancel.Token))!)!;

        Assert.Equal(("ADDED", "s"), ((string?)added["type"], (string?)added["object"]!["metadata"]!["name"]));
        Assert.Equal("BOOKMARK", (string?)bookmark["type"]);
        Assert.Equal("true", (string?)bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]);
        Assert.Equal(("v1", "Secret"), ((string?)bookmark["object"]!["apiVersion"], (string?)bookmark["object"]!["kind"]));
    }
}
