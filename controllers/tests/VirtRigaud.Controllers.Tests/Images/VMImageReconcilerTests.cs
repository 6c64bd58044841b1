using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Controllers.Images;
using VirtRigaud.Controllers.Tests.Classes;
using VirtRigaud.Controllers.Tests.Snapshots;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.Images;

/// <summary>The VMImage aggregate-status controller against the real API server.</summary>
public sealed class VMImageReconcilerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly VirtRigaudClient _api = TestApi.Unthrottled(fixture);

    [Fact]
    public async Task Reconcile_ImagesUsedOnProviders_PendingPhaseAndPerProviderUsability()
    {
        var ns = fixture.NewNamespace("image");
        await VMClassReconcilerTests.CreateProviderAsync(_api, ns, "kvm", ProviderType.Libvirt, VMClassReconcilerTests.LibvirtCapabilities);
        await VMClassReconcilerTests.CreateProviderAsync(_api, ns, "mock", ProviderType.Mock, VMClassReconcilerTests.MockCapabilities);
        await using var manager = TestManager.Start(fixture, m => VMImageControllerSetup.Register(m));
        await _api.VMImages(ns).CreateAsync(new VMImage
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "cloud" },
            Spec = new VMImageSpec { Source = new ImageSource { Http = new HTTPImageSource { Url = "https://images.example.com/jammy.qcow2" } } },
        });
        await _api.VMImages(ns).CreateAsync(new VMImage
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "template" },
            Spec = new VMImageSpec { Source = new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } } },
        });

        // Nothing uses the images yet: Pending with an explanation, Validated True.
        VMImage? cloud = null;
        await Wait.UntilAsync(async () => (cloud = await _api.VMImages(ns).GetAsync("cloud")).Status?.Phase == VMImagePhase.Pending, "the image to be Pending");
        Assert.Equal(VMImageReconciler.PendingMessage, cloud!.Status!.Message);
        Assert.Equal(cloud.Metadata.Generation, cloud.Status.ObservedGeneration);
        Assert.True(Conditions.IsTrue(cloud.Status.Conditions, VMImageConventions.ConditionValidated));

        // Used on a provider that cannot import: the http source needs importing, so the condition names the provider.
        await VMClassReconcilerTests.CreateVmAsync(_api, ns, "on-kvm", "kvm", image: "cloud");
        await VMClassReconcilerTests.CreateVmAsync(_api, ns, "on-mock", "mock", image: "cloud");
        await VMClassReconcilerTests.CreateVmAsync(_api, ns, "tpl-on-kvm", "kvm", image: "template");
        Condition? validated = null;
        await Wait.UntilAsync(async () => (validated = Conditions.Find((await _api.VMImages(ns).GetAsync("cloud")).Status?.Conditions, VMImageConventions.ConditionValidated)) is { Status: ConditionStatus.False } v
            && v.Message.Contains("mock", StringComparison.Ordinal), "the image to be judged on both providers");
        Assert.Equal(VMImageConventions.ReasonUnsupported, validated!.Reason);
        Assert.Contains("Provider kvm cannot use it", validated.Message, StringComparison.Ordinal);
        Assert.Contains("supportsImageImport=false", validated.Message, StringComparison.Ordinal);
        Assert.Contains("usable on mock (prepared on first use)", validated.Message, StringComparison.Ordinal);
        await Wait.UntilAsync(async () => Conditions.Find((await _api.VMImages(ns).GetAsync("template")).Status?.Conditions, VMImageConventions.ConditionValidated)?.Message?.Contains("kvm (used in place)", StringComparison.Ordinal) == true,
            "the template to be usable in place on kvm");

        // A prepare result written by the VM controller (providerStatus) makes kvm usable: prepared wins.
        await TestApi.UpdateAsync(_api.VMImages(ns), "cloud", image => image with
        {
            Status = image.Status! with
            {
                Phase = VMImagePhase.Ready,
                Ready = true,
                AvailableOn = ["kvm"],
                ProviderStatus = new Dictionary<string, ImageProviderStatus> { ["kvm"] = new() { Available = true, Path = "/var/lib/libvirt/images/cloud.qcow2" } },
            },
        }, status: true);
        await Wait.UntilAsync(async () => Conditions.IsTrue((cloud = await _api.VMImages(ns).GetAsync("cloud")).Status?.Conditions, VMImageConventions.ConditionValidated), "the image to be usable everywhere");
        Assert.Contains("kvm (prepared)", Conditions.Find(cloud!.Status!.Conditions, VMImageConventions.ConditionValidated)!.Message, StringComparison.Ordinal);
        Assert.Equal(VMImagePhase.Ready, cloud.Status.Phase);
        Assert.Equal(["kvm"], cloud.Status.AvailableOn!);
    }

    public void Dispose() => _api.Dispose();
}
