using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Testing;
using VirtRigaud.TestPeers;
using RestApi = VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Etcd;

/// <summary>
/// The API server on a real etcd 3.4 (<c>--etcd-servers</c>), the production store: the verbs, resourceVersions from
/// etcd's revisions, optimistic concurrency, watch, and data that outlive a restart of the server. The storage layer's
/// own conformance suite runs against etcd in VirtRigaud.Storage.Tests; this checks the server wired to it.
/// </summary>
public sealed class EtcdBackedServerTests : IAsyncLifetime
{
    private EtcdServer _etcd = null!;
    private TestApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _etcd = await EtcdServer.StartAsync();
        _server = await TestApiServer.StartAsync(o => o with { EtcdServers = [_etcd.ClientUrl.ToString()], EtcdPrefix = "/virtrigaud-test" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _etcd.DisposeAsync();
    }

    [Fact]
    public async Task Crud_OnEtcd_UsesEtcdRevisionsAndKeys()
    {
        var created = await RestApi.CreateAsync(_server.Client, "etcd-a", "virtualmachines", RestApi.Vm("web", "etcd-a"));
        var rv = long.Parse(RestApi.Str(created["metadata"]!["resourceVersion"]), System.Globalization.CultureInfo.InvariantCulture);

        // The object is where kube-apiserver would keep a CRD object, below the configured prefix, without its resourceVersion.
        var stored = await _etcd.EtcdctlAsync(["get", "/virtrigaud-test/infra.virtrigaud.io/virtualmachines/etcd-a/web", "--print-value-only"]);
        var storedJson = JsonNode.Parse(stored)!;
        Assert.Equal("web", RestApi.Str(storedJson["metadata"]!["name"]));
        Assert.Null(storedJson["metadata"]!["resourceVersion"]);
        var revision = await _etcd.EtcdctlAsync(["get", "/virtrigaud-test/infra.virtrigaud.io/virtualmachines/etcd-a/web", "-w", "json"]);
        Assert.Contains($"\"mod_revision\":{rv}", revision, StringComparison.Ordinal);

        var stale = (JsonObject)created.DeepClone();
        var patched = await RestApi.PatchAsync(_server.Client, RestApi.Path("etcd-a", "virtualmachines", "web"), """{"metadata":{"labels":{"tier":"web"}}}""");
        Assert.Equal(HttpStatusCode.OK, patched.Status);

        stale["metadata"]!["labels"] = new JsonObject { ["tier"] = "db" };
        var conflict = await RestApi.PutAsync(_server.Client, RestApi.Path("etcd-a", "virtualmachines", "web"), stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("Conflict", RestApi.Str(conflict.Json["reason"]));

        var list = await RestApi.GetAsync(_server.Client, RestApi.Path("etcd-a", "virtualmachines", query: "?labelSelector=tier%3Dweb"));
        Assert.Single(list.Json["items"]!.AsArray());

        var deleted = await RestApi.DeleteAsync(_server.Client, RestApi.Path("etcd-a", "virtualmachines", "web"));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        var gone = await RestApi.GetAsync(_server.Client, RestApi.Path("etcd-a", "virtualmachines", "web"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task Watch_OnEtcd_StreamsChangesAfterTheListRevision()
    {
        var list = await RestApi.GetAsync(_server.Client, RestApi.Path("etcd-w", "virtualmachines"));
        var rv = RestApi.Str(list.Json["metadata"]!["resourceVersion"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, RestApi.Path("etcd-w", "virtualmachines", query: $"?watch=true&resourceVersion={rv}"));
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);

        await RestApi.CreateAsync(_server.Client, "etcd-w", "virtualmachines", RestApi.Vm("one", "etcd-w"));
        await RestApi.PatchAsync(_server.Client, RestApi.Path("etcd-w", "virtualmachines", "one"), """{"metadata":{"labels":{"x":"y"}}}""");
        await RestApi.DeleteAsync(_server.Client, RestApi.Path("etcd-w", "virtualmachines", "one"));

        var events = new List<(string Type, string Name)>();
        while (events.Count < 3)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the watch ended early");
            var e = JsonNode.Parse(line)!;
            events.Add((RestApi.Str(e["type"]), RestApi.Str(e["object"]!["metadata"]!["name"])));
        }

        Assert.Equal([("ADDED", "one"), ("MODIFIED", "one"), ("DELETED", "one")], events);
    }

    [Fact]
    public async Task Restart_OnEtcd_KeepsObjectsAndAdvancesResourceVersions()
    {
        var created = await RestApi.CreateAsync(_server.Client, "etcd-r", "vmclasses", new JsonObject
        {
            ["apiVersion"] = RestApi.ApiVersion,
            ["kind"] = "VMClass",
            ["metadata"] = new JsonObject { ["name"] = "small" },
            ["spec"] = new JsonObject { ["cpu"] = 2, ["memory"] = "4Gi" },
        });

        await _server.RestartAsync();

        var got = await RestApi.GetAsync(_server.Client, RestApi.Path("etcd-r", "vmclasses", "small"));
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(RestApi.Str(created["metadata"]!["uid"]), RestApi.Str(got.Json["metadata"]!["uid"]));
        var patched = await RestApi.PatchAsync(_server.Client, RestApi.Path("etcd-r", "vmclasses", "small"), """{"spec":{"cpu":4}}""");
        Assert.True(
            long.Parse(RestApi.Str(patched.Json["metadata"]!["resourceVersion"]), System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(RestApi.Str(created["metadata"]!["resourceVersion"]), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, patched.Json["metadata"]!["generation"]!.GetValue<long>());
    }
}
