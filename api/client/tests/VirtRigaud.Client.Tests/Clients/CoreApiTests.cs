using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Models.CoordinationV1;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Clients;

/// <summary>
/// The typed clients of the core objects against our API server in standalone mode, which serves Secrets, ConfigMaps,
/// Events, Leases and Namespaces itself (inside a cluster kube-apiserver does).
/// </summary>
public sealed class CoreApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private VirtRigaudClient Client => fixture.Client;

    [Fact]
    public async Task Secrets_StringData_IsMergedIntoBinaryData()
    {
        var secrets = Client.Core.Secrets(fixture.NewNamespace("secrets"));

        await secrets.CreateAsync(new Secret
        {
            Metadata = new ObjectMeta { Name = "creds" },
            Data = new Dictionary<string, byte[]> { ["key"] = [0, 1, 2, 255] },
            StringData = new Dictionary<string, string> { ["password"] = "hunter2" },
        });
        var read = await secrets.GetAsync("creds");

        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read.Data!["key"]);
        Assert.Equal("hunter2"u8.ToArray(), read.Data["password"]);
        Assert.Null(read.StringData);
        Assert.Equal("Opaque", read.Type);
    }

    [Fact]
    public async Task ConfigMaps_CreateListPatch()
    {
        var maps = Client.Core.ConfigMaps(fixture.NewNamespace("configmaps"));
        await maps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "settings", Labels = new Dictionary<string, string> { ["app"] = "x" } }, Data = new Dictionary<string, string> { ["a"] = "1" } });

        var patched = await maps.PatchAsync("settings", KubernetesPatch.Merge(JsonNode.Parse("""{"data":{"b":"2"}}""")!));
        var listed = await maps.ListAsync(new ListOptions { LabelSelector = "app=x" });

        Assert.Equal(["a", "b"], patched.Data!.Keys.Order());
        Assert.Equal("settings", Assert.Single(listed.Items).Metadata.Name);
    }

    [Fact]
    public async Task Leases_UpdateWithStaleResourceVersion_Conflicts()
    {
        var leases = Client.Coordination.Leases(fixture.NewNamespace("leases"));
        var now = DateTimeOffset.UtcNow;
        var created = await leases.CreateAsync(new Lease
        {
            Metadata = new ObjectMeta { Name = "manager" },
            Spec = new LeaseSpec { HolderIdentity = "pod-a", LeaseDurationSeconds = 15, AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
        });

        var renewed = await leases.UpdateAsync(created with { Spec = created.Spec! with { RenewTime = now.AddSeconds(2) } });
        var stale = await Assert.ThrowsAsync<KubernetesApiException>(() => leases.UpdateAsync(created with { Spec = created.Spec! with { HolderIdentity = "pod-b" } }));

        Assert.Equal("pod-a", renewed.Spec!.HolderIdentity);
        Assert.Equal(created.Spec!.AcquireTime!.Value.UtcTicks / 10, renewed.Spec.AcquireTime!.Value.UtcTicks / 10);
        Assert.True(stale.IsConflict);
    }

    [Fact]
    public async Task CoreEvents_CreateAndSelectByInvolvedObject()
    {
        var ns = fixture.NewNamespace("events");
        var events = Client.Core.Events(ns);
        var now = DateTimeOffset.UtcNow;
        await events.CreateAsync(new Event
        {
            Metadata = new ObjectMeta { Name = "web.1" },
            InvolvedObject = new ObjectReference { Kind = "VirtualMachine", Name = "web", Namespace = ns, ApiVersion = "infra.virtrigaud.io/v1beta1" },
            Reason = "Created",
            Message = "created on vsphere",
            Type = "Normal",
            Source = new EventSource { Component = "virtrigaud-manager" },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        });

        var listed = await events.ListAsync(new ListOptions { FieldSelector = "involvedObject.name=web" });

        Assert.Equal("Created", Assert.Single(listed.Items).Reason);
    }

    [Fact]
    public async Task EventsV1_CreateAndRead()
    {
        var ns = fixture.NewNamespace("eventsv1");
        var events = Client.Events.Events(ns);

        await events.CreateAsync(new VirtRigaud.Client.Models.EventsV1.Event
        {
            Metadata = new ObjectMeta { Name = "web.2" },
            EventTime = DateTimeOffset.UtcNow,
            ReportingController = "virtrigaud.io/vm-controller",
            ReportingInstance = "pod-1",
            Action = "Create",
            Reason = "Created",
            Regarding = new ObjectReference { Kind = "VirtualMachine", Name = "web", Namespace = ns },
            Note = "created",
            Type = "Normal",
        });

        Assert.Equal("virtrigaud.io/vm-controller", (await events.GetAsync("web.2")).ReportingController);
    }

    [Fact]
    public async Task Namespaces_ListIncludesTheBuiltInOnes()
    {
        var namespaces = await Client.Core.Namespaces().ListAsync();

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
    }
}
