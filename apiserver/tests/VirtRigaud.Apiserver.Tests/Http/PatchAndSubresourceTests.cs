using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Http;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class PatchAndSubresourceTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Patch_MergeJsonAndStrategic_Apply()
    {
        var ns = fixture.NewNamespace("patch");
        await CreateAsync(Client, ns, "virtualmachines", Vm("p", ns, """{"a":"1"}"""));
        var path = Path(ns, "virtualmachines", "p");

        var merge = await PatchAsync(Client, path + "?fieldManager=kubectl-label", """{"metadata":{"labels":{"b":"2","a":null}}}""");
        var json = await PatchAsync(Client, path, """[{"op":"replace","path":"/spec/powerState","value":"Off"}]""", "application/json-patch+json");
        var strategic = await PatchAsync(Client, path, """{"metadata":{"labels":{"c":"3"}}}""", "application/strategic-merge-patch+json");

        Assert.Equal(200, merge.Code);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"b":"2"}"""), merge.Json["metadata"]!["labels"]));
        Assert.Contains(merge.Json["metadata"]!["managedFields"]!.AsArray(), e => Str(e!["manager"]) == "kubectl-label");
        Assert.Equal(200, json.Code);
        Assert.Equal("Off", Str(json.Json["spec"]!["powerState"]));
        Assert.Equal(2, (long)json.Json["metadata"]!["generation"]!);
        Assert.Equal(200, strategic.Code);
        Assert.Equal("3", Str(strategic.Json["metadata"]!["labels"]!["c"]));
    }

    [Fact]
    public async Task Patch_ResourceVersionPreconditions_Return409()
    {
        var ns = fixture.NewNamespace("patchrv");
        var created = await CreateAsync(Client, ns, "virtualmachines", Vm("p", ns));
        var rv = Str(created["metadata"]!["resourceVersion"]);
        var path = Path(ns, "virtualmachines", "p");
        await PatchAsync(Client, path, """{"metadata":{"labels":{"x":"1"}}}""");

        var staleMerge = await PatchAsync(Client, path, $$$"""{"metadata":{"resourceVersion":"{{{rv}}}","finalizers":["a/b"]}}""");
        var staleTest = await PatchAsync(Client, path, $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{rv}}"},{"op":"add","path":"/metadata/labels/y","value":"2"}]""", "application/json-patch+json");
        var failedTest = await PatchAsync(Client, path, """[{"op":"test","path":"/spec/powerState","value":"Off"}]""", "application/json-patch+json");
        var badJsonPatch = await PatchAsync(Client, path, """{"op":"add"}""", "application/json-patch+json");

        Assert.Equal(409, staleMerge.Code);
        Assert.Equal("Conflict", Str(staleMerge.Json["reason"]));
        Assert.Equal(409, staleTest.Code);
        Assert.Equal(422, failedTest.Code);
        Assert.Equal(400, badJsonPatch.Code);
    }

    [Fact]
    public async Task Patch_UnsupportedTypesAndMissingObject()
    {
        var ns = fixture.NewNamespace("patch415");
        await CreateAsync(Client, ns, "virtualmachines", Vm("p", ns));

        var apply = await PatchAsync(Client, Path(ns, "virtualmachines", "p", query: "?fieldManager=kubectl"), "{}", "application/apply-patch+yaml");
        var plain = await PatchAsync(Client, Path(ns, "virtualmachines", "p"), "{}", "application/json");
        var missing = await PatchAsync(Client, Path(ns, "virtualmachines", "nope"), """{"metadata":{"labels":{"a":"b"}}}""");
        var force = await PatchAsync(Client, Path(ns, "virtualmachines", "p", query: "?force=true"), "{}");

        Assert.Equal(415, apply.Code);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json", Str(apply.Json["message"]));
        Assert.Equal(415, plain.Code);
        Assert.Equal(404, missing.Code);
        Assert.Equal(422, force.Code);
    }

    [Fact]
    public async Task Patch_GarbageCollectorOwnerReferenceRemoval_Works()
    {
        var ns = fixture.NewNamespace("gcpatch");
        var vm = Vm("d", ns);
        // Owners of another group, which the standalone garbage collector leaves alone.
        vm["metadata"]!["ownerReferences"] = JsonNode.Parse("""[{"apiVersion":"apps/v1","kind":"Deployment","name":"a","uid":"uid-a"},{"apiVersion":"apps/v1","kind":"Deployment","name":"b","uid":"uid-b"}]""");
        var created = await CreateAsync(Client, ns, "virtualmachines", vm);

        var response = await PatchAsync(Client, Path(ns, "virtualmachines", "d"), $$$"""{"metadata":{"ownerReferences":[{"$patch":"delete","uid":"uid-a"}],"uid":"{{{Str(created["metadata"]!["uid"])}}}"}}""", "application/strategic-merge-patch+json");

        Assert.Equal(200, response.Code);
        Assert.Equal(["b"], response.Json["metadata"]!["ownerReferences"]!.AsArray().Select(r => Str(r!["name"])));
    }

    [Fact]
    public async Task Status_WritesOnlyStatusAndKeepsGeneration()
    {
        var ns = fixture.NewNamespace("status");
        var created = await CreateAsync(Client, ns, "virtualmachines", Vm("s", ns));
        var body = created.DeepClone().AsObject();
        body["spec"]!["powerState"] = "Off";
        body["metadata"]!["labels"] = new JsonObject { ["ignored"] = "yes" };
        body["status"] = new JsonObject { ["phase"] = "Running" };

        var put = await PutAsync(Client, Path(ns, "virtualmachines", "s", "status"), body);
        var patch = await PatchAsync(Client, Path(ns, "virtualmachines", "s", "status"), """{"status":{"consoleURL":"vnc://host:5900"},"spec":{"powerState":"Off"}}""");
        var get = await GetAsync(Client, Path(ns, "virtualmachines", "s", "status"));
        var mainPut = get.Json.DeepClone().AsObject();
        mainPut["status"] = new JsonObject { ["phase"] = "Lost" };
        var main = await PutAsync(Client, Path(ns, "virtualmachines", "s"), mainPut);

        Assert.Equal(200, put.Code);
        Assert.Equal("Running", Str(put.Json["status"]!["phase"]));
        Assert.Equal("On", Str(put.Json["spec"]!["powerState"]));
        Assert.Null(put.Json["metadata"]!["labels"]);
        Assert.Equal(1, (long)put.Json["metadata"]!["generation"]!);
        Assert.Equal(200, patch.Code);
        Assert.Equal("vnc://host:5900", Str(patch.Json["status"]!["consoleURL"]));
        Assert.Equal("On", Str(patch.Json["spec"]!["powerState"]));
        Assert.Contains(patch.Json["metadata"]!["managedFields"]!.AsArray(), e => Str(e!["subresource"]) == "status");
        Assert.Equal("Running", Str(main.Json["status"]!["phase"]));
    }

    [Fact]
    public async Task Scale_GetPutPatch_MapToReplicas()
    {
        var ns = fixture.NewNamespace("scale");
        var created = await CreateAsync(Client, ns, "vmsets", VmSet("web", ns, 3));
        var path = Path(ns, "vmsets", "web", "scale");

        var get = await GetAsync(Client, path);
        var patch = await PatchAsync(Client, path, """{"spec":{"replicas":5}}""");
        var stale = get.Json.DeepClone().AsObject();
        stale["spec"]!["replicas"] = 7;
        var stalePut = await PutAsync(Client, path, stale);
        var fresh = patch.Json.DeepClone().AsObject();
        fresh["spec"]!["replicas"] = 2;
        var put = await PutAsync(Client, path, fresh);
        var negative = await PatchAsync(Client, path, """{"spec":{"replicas":-1}}""");
        var vmset = await GetAsync(Client, Path(ns, "vmsets", "web"));
        var table = await GetAsync(Client, path, "application/json;as=Table;v=v1;g=meta.k8s.io");

        Assert.Equal(200, get.Code);
        Assert.Equal("Scale", Str(get.Json["kind"]));
        Assert.Equal("autoscaling/v1", Str(get.Json["apiVersion"]));
        Assert.Equal(3, (int)get.Json["spec"]!["replicas"]!);
        Assert.Equal(0, (int)get.Json["status"]!["replicas"]!);
        Assert.Equal(Str(created["metadata"]!["uid"]), Str(get.Json["metadata"]!["uid"]));
        Assert.Equal(Str(created["metadata"]!["resourceVersion"]), Str(get.Json["metadata"]!["resourceVersion"]));
        Assert.Equal(5, (int)patch.Json["spec"]!["replicas"]!);
        Assert.Equal(409, stalePut.Code);
        Assert.Equal(200, put.Code);
        Assert.Equal(422, negative.Code);
        Assert.Equal(2, (int)vmset.Json["spec"]!["replicas"]!);
        Assert.Equal(3, (long)vmset.Json["metadata"]!["generation"]!);
        Assert.Equal(["Name", "Created At"], table.Json["columnDefinitions"]!.AsArray().Select(c => Str(c!["name"])));
    }

    [Fact]
    public async Task Power_SetsPowerStateOrRequestsReboot()
    {
        var ns = fixture.NewNamespace("power");
        await CreateAsync(Client, ns, "virtualmachines", Vm("vm", ns));
        var path = Path(ns, "virtualmachines", "vm", "power");

        var off = await SendAsync(Client, HttpMethod.Post, path, """{"action":"OffGraceful"}""");
        var reboot = await SendAsync(Client, HttpMethod.Post, path, """{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachinePowerRequest","action":"Reboot"}""");
        var invalid = await SendAsync(Client, HttpMethod.Post, path, """{"action":"Explode"}""");
        var missing = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines", "ghost", "power"), """{"action":"On"}""");

        Assert.Equal(202, off.Code);
        Assert.Equal("OffGraceful", Str(off.Json["spec"]!["powerState"]));
        Assert.Equal(202, reboot.Code);
        Assert.NotEmpty(Str(reboot.Json["metadata"]!["annotations"]![ResourceHandler.RebootRequestedAtAnnotation]));
        Assert.Equal(422, invalid.Code);
        Assert.Equal(404, missing.Code);
    }

    [Fact]
    public async Task Console_ReturnsUrlOr404()
    {
        var ns = fixture.NewNamespace("console");
        await CreateAsync(Client, ns, "virtualmachines", Vm("vm", ns));
        var path = Path(ns, "virtualmachines", "vm", "console");

        var none = await GetAsync(Client, path);
        await PatchAsync(Client, Path(ns, "virtualmachines", "vm", "status"), """{"status":{"consoleURL":"https://vc/ui/console"}}""");
        var some = await GetAsync(Client, path);

        Assert.Equal(404, none.Code);
        Assert.Contains("has no console yet", Str(none.Json["message"]), StringComparison.Ordinal);
        Assert.Equal(200, some.Code);
        Assert.Equal("VirtualMachineConsole", Str(some.Json["kind"]));
        Assert.Equal("https://vc/ui/console", Str(some.Json["url"]));
    }
}
