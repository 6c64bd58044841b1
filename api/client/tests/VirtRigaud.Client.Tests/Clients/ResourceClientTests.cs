using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Patch;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Models.Subresources;
using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Clients;

/// <summary>The typed client against our real API server (in-process, HTTPS, client certificate from its kubeconfig).</summary>
public sealed class ResourceClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private VirtRigaudClient Client => fixture.Client;

    [Fact]
    public async Task CreateGetUpdateDelete_VirtualMachine_RoundTripsThroughTheServer()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("crud"));

        var created = await vms.CreateAsync(Objects.Vm("web"));
        var read = await vms.GetAsync("web");
        var updated = await vms.UpdateAsync(read with { Metadata = read.Metadata with { Labels = new Dictionary<string, string> { ["tier"] = "front" } } });
        var deleted = await vms.DeleteAsync("web");

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(vms.Namespace, created.Metadata.Namespace);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal("small", read.Spec.ClassRef.Name);
        Assert.Equal("front", updated.Metadata.Label("tier"));
        Assert.NotEqual(read.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Null(deleted);
        var missing = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.GetAsync("web"));
        Assert.True(missing.IsNotFound);
        Assert.Equal("virtualmachines.infra.virtrigaud.io \"web\" not found", missing.Message);
    }

    [Fact]
    public async Task SendAsync_TlsServerOfferingHttp2_IsSpokenToOverHttp2()
    {
        using var response = await Client.Rest.SendAsync(new RestRequest { Method = HttpMethod.Get, Path = "/apis" }, CancellationToken.None);

        Assert.Equal(new Version(2, 0), response.Version);
    }

    [Fact]
    public async Task UpdateAsync_StaleResourceVersion_ThrowsConflict()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("conflict"));
        var first = await vms.CreateAsync(Objects.Vm("a"));
        await vms.UpdateAsync(first with { Metadata = first.Metadata with { Labels = new Dictionary<string, string> { ["n"] = "1" } } });

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            vms.UpdateAsync(first with { Metadata = first.Metadata with { Labels = new Dictionary<string, string> { ["n"] = "2" } } }));

        Assert.True(e.IsConflict);
        Assert.Equal(409, e.Code);
    }

    [Fact]
    public async Task CreateAsync_ExistingName_ThrowsAlreadyExists()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("exists"));
        await vms.CreateAsync(Objects.Vm("a"));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.CreateAsync(Objects.Vm("a")));

        Assert.True(e.IsAlreadyExists);
        Assert.False(e.IsConflict);
    }

    [Fact]
    public async Task CreateAsync_InvalidObject_Throws422WithFieldCauses()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("invalid"));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.CreateAsync(Objects.Vm("Not_A_DNS_Name")));

        Assert.True(e.IsInvalid);
        Assert.Equal(422, e.Code);
        Assert.Contains(e.Causes, c => c.Field == "metadata.name");
    }

    [Fact]
    public async Task CreateAsync_DryRun_StoresNothing()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("dryrun"));

        var result = await vms.CreateAsync(Objects.Vm("ghost"), new WriteOptions { DryRun = true });

        Assert.Equal("ghost", result.Metadata.Name);
        Assert.True((await Assert.ThrowsAsync<KubernetesApiException>(() => vms.GetAsync("ghost"))).IsNotFound);
    }

    [Fact]
    public async Task CreateAsync_NoFieldManager_IsRecordedUnderTheUserAgentsProduct()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("manager"));

        var created = await vms.CreateAsync(Objects.Vm("a"));

        Assert.Contains(created.Metadata.ManagedFields ?? [], f => f.Manager == UserAgent.Product);
    }

    [Fact]
    public async Task CreateAsync_ObjectInAnotherNamespace_IsRefusedBeforeSending()
    {
        var vms = Client.VirtualMachines("one");

        await Assert.ThrowsAsync<ArgumentException>(() => vms.CreateAsync(Objects.Vm("a", "two")));
    }

    [Fact]
    public async Task ListAsync_Selectors_FilterOnTheServer()
    {
        var ns = fixture.NewNamespace("select");
        var vms = Client.VirtualMachines(ns);
        await vms.CreateAsync(Objects.Vm("a", labels: """{"app":"web","tier":"front"}"""));
        await vms.CreateAsync(Objects.Vm("b", labels: """{"app":"web","tier":"back"}"""));
        await vms.CreateAsync(Objects.Vm("c", labels: """{"app":"db"}"""));

        var web = await vms.ListAsync(new ListOptions { LabelSelector = "app=web,tier!=back" });
        var byName = await vms.ListAsync(new ListOptions { FieldSelector = "metadata.name=c" });
        var all = await Client.VirtualMachines(ResourceClient<VirtualMachine>.AllNamespaces).ListAsync(new ListOptions { LabelSelector = "app" });

        Assert.Equal(["a"], web.Items.Select(v => v.Metadata.Name));
        Assert.Equal(["c"], byName.Items.Select(v => v.Metadata.Name));
        Assert.Equal(3, all.Items.Count(v => v.Metadata.Namespace == ns));
        Assert.False(string.IsNullOrEmpty(web.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task ListAllAsync_SmallPages_FollowsContinueTokensToEveryItem()
    {
        var classes = Client.VMClasses(fixture.NewNamespace("pages"));
        for (var i = 0; i < 7; i++)
        {
            await classes.CreateAsync(Objects.VmClass($"c{i}"));
        }

        var firstPage = await classes.ListAsync(new ListOptions { Limit = 3 });
        var all = await classes.ListAllAsync(pageSize: 3);

        Assert.Equal(3, firstPage.Items.Count);
        Assert.False(string.IsNullOrEmpty(firstPage.Metadata.Continue));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"c{i}"), all.Items.Select(c => c.Metadata.Name).Order());
        Assert.Null(all.Metadata.Continue);
    }

    [Fact]
    public async Task PatchAsync_MergeAndJsonPatch_ApplyOnTheServer()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("patch"));
        await vms.CreateAsync(Objects.Vm("a"));

        var merged = await vms.PatchAsync("a", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"labels":{"color":"blue"}}}""")!));
        var patched = await vms.PatchAsync("a", KubernetesPatch.Json(JsonPatch.Parse("""[{"op":"replace","path":"/spec/powerState","value":"Off"}]""")));

        Assert.Equal("blue", merged.Metadata.Label("color"));
        Assert.Equal(PowerState.Off, patched.Spec.PowerState);
    }

    [Fact]
    public async Task PatchAsync_ResourceVersionPrecondition_ThrowsConflict()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("precondition"));
        await vms.CreateAsync(Objects.Vm("a"));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            vms.PatchAsync("a", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"resourceVersion":"1","labels":{"x":"y"}}}""")!)));

        Assert.True(e.IsConflict);
    }

    [Fact]
    public async Task ApplyAsync_ServerWithoutServerSideApply_Throws415()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("apply"));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.ApplyAsync(Objects.Vm("a"), new ApplyOptions { FieldManager = "test" }));

        Assert.True(e.IsUnsupportedMediaType, e.Message);
    }

    [Fact]
    public async Task UpdateStatusAsync_ChangesStatusOnly()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("status"));
        var created = await vms.CreateAsync(Objects.Vm("a"));

        var updated = await vms.UpdateStatusAsync(created with
        {
            Spec = created.Spec with { PowerState = PowerState.Off },
            Status = new VirtualMachineStatus { ConsoleURL = "vnc://127.0.0.1:5901", Ips = ["10.0.0.5"] },
        });

        Assert.Equal("vnc://127.0.0.1:5901", updated.Status!.ConsoleURL);
        Assert.Equal(PowerState.On, updated.Spec.PowerState);
        Assert.Equal(created.Metadata.Generation, updated.Metadata.Generation);
    }

    [Fact]
    public async Task PowerAsync_Actions_ChangeTheMachineAsDocumented()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("power"));
        await vms.CreateAsync(Objects.Vm("a"));

        var off = await vms.PowerAsync("a", PowerAction.Off);
        var rebooted = await vms.PowerAsync("a", PowerAction.Reboot);
        var invalid = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.PowerAsync("a", "Explode"));

        Assert.Equal(PowerState.Off, off.Spec.PowerState);
        Assert.NotNull(rebooted.Metadata.Annotation("virtrigaud.io/reboot-requested-at"));
        Assert.True(invalid.IsInvalid);
    }

    [Fact]
    public async Task GetConsoleAsync_UrlReported_ReturnsIt_AndNotFoundBefore()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("console"));
        var created = await vms.CreateAsync(Objects.Vm("a"));

        var before = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.GetConsoleAsync("a"));
        await vms.UpdateStatusAsync(created with { Status = new VirtualMachineStatus { ConsoleURL = "vnc://10.1.1.1:5900" } });
        var console = await vms.GetConsoleAsync("a");

        Assert.True(before.IsNotFound);
        Assert.Equal("vnc://10.1.1.1:5900", console.Url);
        Assert.Equal(VirtualMachineConsole.KindName, console.Kind);
    }

    [Fact]
    public async Task Scale_VMSet_GetUpdatePatchAndConflict()
    {
        var sets = Client.VMSets(fixture.NewNamespace("scale"));
        await sets.CreateAsync(Objects.VmSet("web", 3));

        var scale = await sets.GetScaleAsync("web");
        var updated = await sets.UpdateScaleAsync("web", scale with { Spec = scale.Spec with { Replicas = 5 } });
        var patched = await sets.PatchScaleAsync("web", KubernetesPatch.Merge(JsonNode.Parse("""{"spec":{"replicas":2}}""")!));
        var stale = await Assert.ThrowsAsync<KubernetesApiException>(() => sets.UpdateScaleAsync("web", scale with { Spec = scale.Spec with { Replicas = 9 } }));

        Assert.Equal(3, scale.Spec.Replicas);
        Assert.Equal(5, updated.Spec.Replicas);
        Assert.Equal(2, patched.Spec.Replicas);
        Assert.Equal(2, (await sets.GetAsync("web")).Spec.Replicas);
        Assert.True(stale.IsConflict);
    }

    [Fact]
    public async Task DeleteAsync_WrongUidPrecondition_ThrowsConflict()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("delete-precondition"));
        await vms.CreateAsync(Objects.Vm("a"));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            vms.DeleteAsync("a", new DeleteOptions { Preconditions = new Preconditions { Uid = "not-the-uid" } }));

        Assert.True(e.IsConflict);
    }

    [Fact]
    public async Task DeleteAsync_WithFinalizer_ReturnsTheObjectStillTerminating()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("finalizer"));
        var vm = Objects.Vm("a");
        await vms.CreateAsync(vm with { Metadata = vm.Metadata with { Finalizers = ["example.com/hold"] } });

        var remaining = await vms.DeleteAsync("a");

        Assert.NotNull(remaining);
        Assert.NotNull(remaining.Metadata.DeletionTimestamp);
        await vms.PatchAsync("a", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!));
    }

    [Fact]
    public async Task DeleteCollectionAsync_LabelSelector_DeletesOnlyMatches()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("collection"));
        await vms.CreateAsync(Objects.Vm("keep", labels: """{"group":"b"}"""));
        await vms.CreateAsync(Objects.Vm("drop1", labels: """{"group":"a"}"""));
        await vms.CreateAsync(Objects.Vm("drop2", labels: """{"group":"a"}"""));

        await vms.DeleteCollectionAsync(new ListOptions { LabelSelector = "group=a" });

        Assert.Equal(["keep"], (await vms.ListAsync()).Items.Select(v => v.Metadata.Name));
    }

    [Fact]
    public async Task GetAsync_AllNamespacesClient_NeedsANamespace()
    {
        var all = Client.VirtualMachines(ResourceClient<VirtualMachine>.AllNamespaces);

        await Assert.ThrowsAsync<InvalidOperationException>(() => all.GetAsync("a"));
    }

    [Fact]
    public async Task CreateAsync_AllNamespacesClient_UsesTheObjectsNamespace()
    {
        var ns = fixture.NewNamespace("objectns");

        var created = await Client.VirtualMachines(ResourceClient<VirtualMachine>.AllNamespaces).CreateAsync(Objects.Vm("a", ns));

        Assert.Equal(ns, created.Metadata.Namespace);
    }
}
