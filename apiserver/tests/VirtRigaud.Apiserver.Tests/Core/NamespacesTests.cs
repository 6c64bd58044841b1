using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Http;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>The standalone namespaces: listed when built in, created or in use; created (409 when they exist) and deleted with their contents.</summary>
public sealed class NamespacesTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task List_BuiltInCreatedAndInUse_AllListedSortedAsActive()
    {
        var used = fixture.NewNamespace("ns-used");
        var made = fixture.NewNamespace("ns-made");
        await CoreApi.CreateAsync(Client, CoreApi.V1(used, "configmaps"), new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm" } });
        await CoreApi.CreateAsync(Client, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = made } });

        var list = await CoreApi.GetAsync(Client, "/api/v1/namespaces");

        Assert.Equal("NamespaceList", (string?)list.Json["kind"]);
        var names = CoreApi.Names(list);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "default", "kube-public", "kube-system", used, made });
        Assert.All(list.Json["items"]!.AsArray(), ns => Assert.Equal("Active", (string?)ns!["status"]!["phase"]));
    }

    [Fact]
    public async Task Create_New_Returns201WithTheNamespaceStrategysFields()
    {
        var name = fixture.NewNamespace("ns-create");

        var created = await CoreApi.PostAsync(Client, "/api/v1/namespaces", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["team"] = "a" } },
        });
        var read = await CoreApi.GetAsync(Client, "/api/v1/namespaces/" + name);

        Assert.True(created.Code == 201, created.Text);
        foreach (var ns in new[] { created.Json, read.Json })
        {
            Assert.Equal(name, (string?)ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]);
            Assert.Equal("a", (string?)ns["metadata"]!["labels"]!["team"]);
            Assert.Matches("^[0-9a-f-]{36}$", (string?)ns["metadata"]!["uid"]);
            Assert.Equal(["kubernetes"], ns["spec"]!["finalizers"]!.AsArray().Select(f => (string?)f));
            Assert.Equal("Active", (string?)ns["status"]!["phase"]);
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("kube-system")]
    public async Task Create_BuiltIn_Returns409AlreadyExists(string name)
    {
        var response = await CoreApi.PostAsync(Client, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });

        CoreApi.AssertStatus(response, 409, "AlreadyExists");
        Assert.Equal($"namespaces \"{name}\" already exists", CoreApi.Message(response));
    }

    [Fact]
    public async Task Create_CreatedOrInUse_Returns409()
    {
        var made = fixture.NewNamespace("ns-twice");
        var used = fixture.NewNamespace("ns-inuse");
        await CoreApi.CreateAsync(Client, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = made } });
        await CoreApi.CreateAsync(Client, CoreApi.V1(used, "configmaps"), new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm" } });

        var again = await CoreApi.PostAsync(Client, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = made } });
        var inUse = await CoreApi.PostAsync(Client, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = used } });

        CoreApi.AssertStatus(again, 409, "AlreadyExists");
        CoreApi.AssertStatus(inUse, 409, "AlreadyExists");
    }

    [Fact]
    public async Task Create_InvalidName_Returns422()
    {
        var response = await CoreApi.PostAsync(Client, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "Not_A_Label" } });

        var causes = CoreApi.AssertStatus(response, 422, "Invalid");
        Assert.Equal("metadata.name", causes.Single().Field);
        Assert.StartsWith("Namespace \"Not_A_Label\" is invalid: ", CoreApi.Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_CreatedNamespace_DeletesItsObjectsAndAnswersTerminating()
    {
        var name = fixture.NewNamespace("ns-delete");
        await CoreApi.CreateAsync(Client, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        await CoreApi.CreateAsync(Client, CoreApi.V1(name, "configmaps"), new JsonObject { ["metadata"] = new JsonObject { ["name"] = "cm" } });
        await CoreApi.CreateAsync(Client, CoreApi.Leases(name), new JsonObject { ["metadata"] = new JsonObject { ["name"] = "lease" } });

        var deleted = await CoreApi.DeleteAsync(Client, "/api/v1/namespaces/" + name);
        var configMaps = await CoreApi.GetAsync(Client, CoreApi.V1(name, "configmaps"));
        var leases = await CoreApi.GetAsync(Client, CoreApi.Leases(name));
        var list = await CoreApi.GetAsync(Client, "/api/v1/namespaces");
        var again = await CoreApi.DeleteAsync(Client, "/api/v1/namespaces/" + name);

        Assert.True(deleted.Code == 200, deleted.Text);
        Assert.Equal("Terminating", (string?)deleted.Json["status"]!["phase"]);
        Assert.NotNull(deleted.Json["metadata"]!["deletionTimestamp"]);
        Assert.Empty(CoreApi.Names(configMaps));
        Assert.Empty(CoreApi.Names(leases));
        Assert.DoesNotContain(name, CoreApi.Names(list));
        CoreApi.AssertStatus(again, 404, "NotFound");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("kube-public")]
    public async Task Delete_BuiltIn_Returns403(string name)
    {
        var response = await CoreApi.DeleteAsync(Client, "/api/v1/namespaces/" + name);

        CoreApi.AssertStatus(response, 403, "Forbidden");
        Assert.Equal($"namespaces \"{name}\" is forbidden: this namespace may not be deleted", CoreApi.Message(response));
    }

    [Fact]
    public async Task Get_NeverCreated_AnswersAnActiveNamespaceAndInvalidNamesAre404()
    {
        var ns = await CoreApi.GetAsync(Client, "/api/v1/namespaces/anything-at-all");
        var invalid = await CoreApi.GetAsync(Client, "/api/v1/namespaces/Invalid_Name");

        Assert.Equal("Active", (string?)ns.Json["status"]!["phase"]);
        CoreApi.AssertStatus(invalid, 404, "NotFound");
    }

    [Fact]
    public async Task List_TableAndSelectors_AsKubectlGetNs()
    {
        var table = await CoreApi.GetAsync(Client, "/api/v1/namespaces", "application/json;as=Table;g=meta.k8s.io;v=v1");
        var byName = await CoreApi.GetAsync(Client, "/api/v1/namespaces?fieldSelector=metadata.name%3Dkube-system");
        var byLabel = await CoreApi.GetAsync(Client, "/api/v1/namespaces?labelSelector=kubernetes.io%2Fmetadata.name%3Ddefault");
        var unsupported = await CoreApi.GetAsync(Client, "/api/v1/namespaces?fieldSelector=spec.x%3Dy");

        Assert.Equal(["Name", "Status", "Age"], table.Json["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Contains(table.Json["rows"]!.AsArray(), r => (string?)r!["cells"]![0] == "default" && (string?)r["cells"]![1] == "Active");
        Assert.Equal(["kube-system"], CoreApi.Names(byName));
        Assert.Equal(["default"], CoreApi.Names(byLabel));
        CoreApi.AssertStatus(unsupported, 400, "BadRequest");
    }

    [Theory]
    [InlineData("PUT", "/api/v1/namespaces/default")]
    [InlineData("PATCH", "/api/v1/namespaces/default")]
    [InlineData("GET", "/api/v1/namespaces?watch=1")]
    [InlineData("DELETE", "/api/v1/namespaces")]
    public async Task Request_UnservedVerb_Returns405(string method, string path)
    {
        var response = await CoreApi.SendAsync(Client, new HttpMethod(method), path, method is "PUT" or "PATCH" ? "{}" : null, method == "PATCH" ? "application/merge-patch+json" : "application/json");

        CoreApi.AssertStatus(response, 405, "MethodNotAllowed");
    }
}
