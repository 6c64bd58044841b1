using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Controllers.NetworkAttachments;
using VirtRigaud.Controllers.Tests.Classes;
using VirtRigaud.Controllers.Tests.Snapshots;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.NetworkAttachments;

/// <summary>The VMNetworkAttachment status controller against the real API server.</summary>
public sealed class VMNetworkAttachmentReconcilerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly VirtRigaudClient _api = TestApi.Unthrottled(fixture);

    [Fact]
    public async Task Reconcile_NetworkInScopeOfProviders_ConnectedVmsAndAvailabilityPerProvider()
    {
        var ns = fixture.NewNamespace("net");
        await using var manager = TestManager.Start(fixture, m => VMNetworkAttachmentControllerSetup.Register(m));
        await _api.VMNetworkAttachments(ns).CreateAsync(new VMNetworkAttachment
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "lan" },
            Spec = new VMNetworkAttachmentSpec { Network = new VMNetworkConfig { Libvirt = new LibvirtNetworkConfig { NetworkName = "default", Model = "e1000" } } },
        });

        // No Provider yet: Pending, Ready=False/NoProviders.
        VMNetworkAttachment? lan = null;
        await Wait.UntilAsync(async () => (lan = await _api.VMNetworkAttachments(ns).GetAsync("lan")).Status?.Phase == VMNetworkAttachmentPhase.Pending, "the network to be Pending");
        Assert.Equal(VMNetworkAttachmentConventions.ReasonNoProviders, Conditions.Find(lan!.Status!.Conditions, VMNetworkAttachmentConventions.ConditionReady)!.Reason);
        Assert.Equal(0, lan.Status.ConnectedVMs);

        await VMClassReconcilerTests.CreateProviderAsync(_api, ns, "kvm", ProviderType.Libvirt, VMClassReconcilerTests.LibvirtCapabilities);
        await VMClassReconcilerTests.CreateProviderAsync(_api, ns, "vcenter", ProviderType.VSphere, new ProviderReportedCapabilities { SupportedNetworkTypes = ["standard", "distributed"] });
        await VMClassReconcilerTests.CreateVmAsync(_api, ns, "a", "kvm", network: "lan");
        await VMClassReconcilerTests.CreateVmAsync(_api, ns, "b", "kvm", network: "lan");
        await VMClassReconcilerTests.CreateVmAsync(_api, ns, "c", "kvm", network: "other");

        await Wait.UntilAsync(async () => (lan = await _api.VMNetworkAttachments(ns).GetAsync("lan")).Status is { ConnectedVMs: 2, Phase: VMNetworkAttachmentPhase.Ready, ProviderStatus.Count: 2 },
            "the network to be Ready with two connected VMs");
        var status = lan!.Status!;
        Assert.True(status.Ready);
        Assert.Equal(["kvm"], status.AvailableOn!);
        Assert.Equal((true, VMNetworkAttachmentConventions.StateAvailable), (status.ProviderStatus!["kvm"].Available, status.ProviderStatus["kvm"].State));
        var vcenter = status.ProviderStatus["vcenter"];
        Assert.False(vcenter.Available);
        Assert.Equal("spec.network.vsphere: Provider vcenter (vsphere) needs a portgroup or distributedSwitch", vcenter.Message);
        var validated = Conditions.Find(status.Conditions, VMNetworkAttachmentConventions.ConditionValidated)!;
        Assert.Equal((ConditionStatus.False, VMNetworkAttachmentConventions.ReasonUnsupported), (validated.Status, validated.Reason));
        Assert.True(Conditions.IsTrue(status.Conditions, VMNetworkAttachmentConventions.ConditionReady));
        Assert.Equal(lan.Metadata.Generation, status.ObservedGeneration);

        // A model the provider does not list makes it unusable there too: Failed, naming the field.
        await TestApi.UpdateAsync(_api.VMNetworkAttachments(ns), "lan", a => a with { Spec = a.Spec with { Network = new VMNetworkConfig { Libvirt = new LibvirtNetworkConfig { NetworkName = "default", Model = "pcnet" } } } });
        await Wait.UntilAsync(async () => (lan = await _api.VMNetworkAttachments(ns).GetAsync("lan")).Status?.Phase == VMNetworkAttachmentPhase.Failed, "the network to fail");
        Assert.False(lan!.Status!.Ready);
        Assert.Null(lan.Status.AvailableOn);
        Assert.Contains("spec.network.libvirt.model: network type pcnet is not supported by Provider kvm", lan.Status.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _api.Dispose();
}
