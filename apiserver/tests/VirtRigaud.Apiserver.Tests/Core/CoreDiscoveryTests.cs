using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Http;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>
/// Discovery and OpenAPI of the standalone core API through the real server, and the same server with
/// <c>--standalone-core-api=false</c>, where none of it exists.
/// </summary>
public sealed class CoreDiscoveryTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Api_Legacy_ListsV1AndTheResourceListHasTheCoreResources()
    {
        var versions = await CoreApi.GetAsync(Client, "/api");
        var resources = await CoreApi.GetAsync(Client, "/api/v1");

        Assert.Equal(["v1"], versions.Json["versions"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("APIResourceList", (string?)resources.Json["kind"]);
        Assert.Equal("v1", (string?)resources.Json["groupVersion"]);
        var byName = resources.Json["resources"]!.AsArray().ToDictionary(r => (string)r!["name"]!, r => r!);
        Assert.Equal(["configmaps", "events", "namespaces", "secrets"], byName.Keys);
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], byName["secrets"]["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["create", "delete", "get", "list"], byName["namespaces"]["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.False((bool)byName["namespaces"]["namespaced"]!);
        Assert.Equal(["cm"], byName["configmaps"]["shortNames"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("Event", (string?)byName["events"]["kind"]);
    }

    [Fact]
    public async Task Api_Aggregated_HasTheCoreGroupWithoutAName()
    {
        var document = await CoreApi.GetAsync(Client, "/api", AggregatedV2);

        var group = document.Json["items"]!.AsArray().Single()!;
        Assert.Null(group["metadata"]!["name"]);
        var version = group["versions"]!.AsArray().Single()!;
        Assert.Equal("v1", (string?)version["version"]);
        Assert.Equal(["configmaps", "events", "namespaces", "secrets"], version["resources"]!.AsArray().Select(r => (string?)r!["resource"]));
        Assert.Equal("Cluster", (string?)version["resources"]![2]!["scope"]);
        Assert.All(version["resources"]!.AsArray(), r => Assert.Equal("", (string?)r!["responseKind"]!["group"]));
    }

    [Fact]
    public async Task Apis_BothFormsListTheBuiltInGroupsFirst()
    {
        var legacy = await CoreApi.GetAsync(Client, "/apis");
        var aggregated = await CoreApi.GetAsync(Client, "/apis", AggregatedV2);
        var coordination = await CoreApi.GetAsync(Client, "/apis/coordination.k8s.io/v1");
        var events = await CoreApi.GetAsync(Client, "/apis/events.k8s.io");

        string[] groups = ["coordination.k8s.io", "events.k8s.io", "infra.virtrigaud.io"];
        Assert.Equal(groups, legacy.Json["groups"]!.AsArray().Select(g => (string?)g!["name"]));
        Assert.Equal(groups, aggregated.Json["items"]!.AsArray().Select(g => (string?)g!["metadata"]!["name"]));
        Assert.Equal(["leases"], coordination.Json["resources"]!.AsArray().Select(r => (string?)r!["name"]));
        Assert.Equal("events.k8s.io/v1", (string?)events.Json["preferredVersion"]!["groupVersion"]);
    }

    [Fact]
    public async Task Events_BothApis_ShareTheStorageVersionHash()
    {
        var core = await CoreApi.GetAsync(Client, "/api/v1");
        var events = await CoreApi.GetAsync(Client, "/apis/events.k8s.io/v1");

        static string? Hash(ApiResponse r) => (string?)r.Json["resources"]!.AsArray().Single(x => (string?)x!["name"] == "events")!["storageVersionHash"];
        Assert.Equal(Hash(core), Hash(events));
        Assert.NotNull(Hash(core));
    }

    [Fact]
    public async Task OpenApi_IndexAndDocuments_DescribeTheCoreKindsWithTheirGvk()
    {
        var index = await CoreApi.GetAsync(Client, "/openapi/v3");
        var v1 = await CoreApi.GetAsync(Client, (string)index.Json["paths"]!["api/v1"]!["serverRelativeURL"]!);
        var leases = await CoreApi.GetAsync(Client, (string)index.Json["paths"]!["apis/coordination.k8s.io/v1"]!["serverRelativeURL"]!);
        var v2 = await CoreApi.GetAsync(Client, "/openapi/v2");

        Assert.Equal(["api/v1", "apis/coordination.k8s.io/v1", "apis/events.k8s.io/v1", "apis/infra.virtrigaud.io/v1beta1"], index.Json["paths"]!.AsObject().Select(p => p.Key));
        var secret = v1.Json["components"]!["schemas"]!["io.k8s.api.core.v1.Secret"]!;
        Assert.Equal("Secret", (string?)secret["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Equal("byte", (string?)secret["properties"]!["data"]!["additionalProperties"]!["format"]);
        Assert.NotNull(v1.Json["components"]!["schemas"]!["io.k8s.api.core.v1.ObjectReference"]);
        var patch = v1.Json["paths"]!["/api/v1/namespaces/{namespace}/secrets/{name}"]!["patch"]!;
        Assert.Equal("patchCoreV1NamespacedSecret", (string?)patch["operationId"]);
        Assert.Contains("application/strategic-merge-patch+json", patch["requestBody"]!["content"]!.AsObject().Select(p => p.Key));
        Assert.Contains(patch["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation");
        Assert.NotNull(leases.Json["components"]!["schemas"]!["io.k8s.api.coordination.v1.LeaseSpec"]);
        Assert.NotNull(leases.Json["components"]!["schemas"]!["io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"]);
        foreach (var definition in (string[])["io.k8s.api.core.v1.Secret", "io.k8s.api.core.v1.ConfigMap", "io.k8s.api.core.v1.Event", "io.k8s.api.core.v1.Namespace", "io.k8s.api.coordination.v1.Lease", "io.k8s.api.events.v1.Event"])
        {
            Assert.NotNull(v2.Json["definitions"]![definition]!["x-kubernetes-group-version-kind"]);
        }

        Assert.Equal("listCoreV1Namespace", (string?)v2.Json["paths"]!["/api/v1/namespaces"]!["get"]!["operationId"]);
        Assert.Equal(["coordination_v1"], v2.Json["paths"]!["/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases"]!["get"]!["tags"]!.AsArray().Select(t => (string?)t));
    }

    [Fact]
    public async Task Server_WithoutTheStandaloneCoreApi_ServesNoneOfIt()
    {
        await using var server = await TestApiServer.StartAsync(o => o with { StandaloneCoreApi = false });
        var client = server.Client;

        var versions = await CoreApi.GetAsync(client, "/api");
        var aggregated = await CoreApi.GetAsync(client, "/api", AggregatedV2);
        var apis = await CoreApi.GetAsync(client, "/apis");
        var index = await CoreApi.GetAsync(client, "/openapi/v3");
        var v2 = await CoreApi.GetAsync(client, "/openapi/v2");

        Assert.Empty(versions.Json["versions"]!.AsArray());
        Assert.Empty(aggregated.Json["items"]!.AsArray());
        Assert.Equal(["infra.virtrigaud.io"], apis.Json["groups"]!.AsArray().Select(g => (string?)g!["name"]));
        Assert.Equal(["apis/infra.virtrigaud.io/v1beta1"], index.Json["paths"]!.AsObject().Select(p => p.Key));
        Assert.Null(v2.Json["definitions"]!["io.k8s.api.core.v1.Secret"]);
        foreach (var path in (string[])["/api/v1", "/api/v1/namespaces/default/secrets", "/api/v1/secrets", "/api/v1/namespaces", "/apis/coordination.k8s.io/v1/namespaces/default/leases", "/apis/events.k8s.io/v1", "/openapi/v3/api/v1"])
        {
            var response = await CoreApi.GetAsync(client, path);
            Assert.True(response.Code == 404, $"{path}: {response.Code} {response.Text}");
        }

        var post = await CoreApi.PostAsync(client, "/api/v1/namespaces/default/secrets", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "s" } });
        Assert.Equal(404, post.Code);
        var lookup = await CoreApi.GetAsync(client, "/api/v1/namespaces/team-a");
        Assert.Equal("Active", (string?)lookup.Json["status"]!["phase"]);
    }
}
