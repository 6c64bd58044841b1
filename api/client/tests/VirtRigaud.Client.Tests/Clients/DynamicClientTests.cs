using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Clients;

/// <summary>The dynamic client and discovery against our real API server.</summary>
public sealed class DynamicClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ApiVersion = "infra.virtrigaud.io/v1beta1";

    private static JsonObject Vm(string name, string extraSpec = "") => JsonNode.Parse(
        """
        {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"NAME"},
         "spec":{"providerRef":{"name":"vsphere"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu"}EXTRA}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("EXTRA", extraSpec, StringComparison.Ordinal))!.AsObject();

    [Fact]
    public async Task ResourceForKindAsync_VirtualMachine_FindsTheResourceAndItsScope()
    {
        var vms = await fixture.Client.Dynamic.ResourceForKindAsync(ApiVersion, "VirtualMachine", "dyn");

        Assert.Equal(new GroupVersionResource("infra.virtrigaud.io", "v1beta1", "virtualmachines"), vms.Resource);
        Assert.True(vms.Namespaced);
    }

    [Fact]
    public async Task ResourceForKindAsync_UnknownKind_ThrowsKeyNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => fixture.Client.Dynamic.ResourceForKindAsync(ApiVersion, "Spaceship"));
    }

    [Fact]
    public async Task ResourceForKindAsync_UnservedGroup_ThrowsNotFound()
    {
        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => fixture.Client.Dynamic.ResourceForKindAsync("nothing.example.com/v1", "Thing"));

        Assert.True(e.IsNotFound);
    }

    [Fact]
    public async Task CrudOnJsonObjects_RoundTripsEveryField()
    {
        var ns = fixture.NewNamespace("dyn");
        var vms = await fixture.Client.Dynamic.ResourceForKindAsync(ApiVersion, "VirtualMachine", ns);

        var created = await vms.CreateAsync(Vm("a", ""","tags":["x","y"]"""));
        created["metadata"]!["labels"] = new JsonObject { ["via"] = "dynamic" };
        var updated = await vms.UpdateAsync(created);
        var typed = await fixture.Client.VirtualMachines(ns).GetAsync("a");
        var list = await vms.ListAsync(new ListOptions { LabelSelector = "via=dynamic" });
        await vms.DeleteAsync("a");

        Assert.Equal("dynamic", (string?)updated["metadata"]!["labels"]!["via"]);
        Assert.Equal(["x", "y"], typed.Spec.Tags);
        Assert.Equal("a", (string?)Assert.Single(list.Items)["metadata"]!["name"]);
        Assert.True((await Assert.ThrowsAsync<KubernetesApiException>(() => vms.GetAsync("a"))).IsNotFound);
    }

    [Fact]
    public async Task CreateAsync_UnknownField_ReportsTheServersWarning()
    {
        var warnings = new ConcurrentQueue<KubernetesWarning>();
        using var client = new VirtRigaudClient(fixture.Configuration(c => c with { WarningHandler = warnings.Enqueue }));
        var vms = client.Dynamic.Resource(new GroupVersionResource("infra.virtrigaud.io", "v1beta1", "virtualmachines"), namespaced: true, fixture.NewNamespace("warn"));

        await vms.CreateAsync(Vm("a", ""","bogusField":1"""));

        var warning = Assert.Single(warnings);
        Assert.Equal(299, warning.Code);
        Assert.Contains("bogusField", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_StrictFieldValidation_RejectsTheUnknownField()
    {
        var vms = fixture.Client.Dynamic.Resource(new GroupVersionResource("infra.virtrigaud.io", "v1beta1", "virtualmachines"), namespaced: true, fixture.NewNamespace("strict"));

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.CreateAsync(Vm("a", ""","bogusField":1"""), new WriteOptions { FieldValidation = FieldValidation.Strict }));

        Assert.True(e.IsBadRequest, e.Message);
    }

    [Fact]
    public async Task Discovery_Groups_IncludeOurs()
    {
        var groups = await fixture.Client.Discovery.GetGroupsAsync();

        Assert.Contains(groups.Groups, g => g.Name == "infra.virtrigaud.io");
    }
}
