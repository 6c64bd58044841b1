using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Adoption;
using VirtRigaud.Controllers.Tests.Snapshots;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Tests.Adoption;

/// <summary>VM adoption with the VirtualMachine controller, against the real API server and the real mock provider.</summary>
public sealed class VMAdoptionReconcilerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly VirtRigaudClient _api = TestApi.Unthrottled(fixture);

    private static readonly VMAdoptionReconcilerOptions FastOptions = new()
    {
        NotReadyInterval = TimeSpan.FromMilliseconds(300),
        FailureBackoff = TimeSpan.FromMilliseconds(200),
    };

    private async Task<VirtualMachine?> GetVmAsync(string ns, string name)
    {
        try
        {
            return await _api.VirtualMachines(ns).GetAsync(name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task AnnotateAsync(string ns, IReadOnlyDictionary<string, string>? annotations)
    {
        for (var attempt = 0; ; attempt++)
        {
            var provider = await _api.Providers(ns).GetAsync("mock");
            try
            {
                await _api.Providers(ns).UpdateAsync(provider with { Metadata = provider.Metadata with { Annotations = annotations } });
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 5)
            {
                // The adoption status was patched meanwhile.
            }
        }
    }

    private async Task<ProviderAdoptionStatus?> AdoptionAsync(string ns) => (await _api.Providers(ns).GetAsync("mock")).Status?.Adoption;

    [Fact]
    public async Task Reconcile_AnnotatedProvider_AdoptsFilteredUnmanagedVmsWithTheirClass()
    {
        var ns = fixture.NewNamespace("adopt");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns);
        await _api.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "small"));
        await _api.VMImages(ns).CreateAsync(new VMImage
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "ubuntu" },
            Spec = new VMImageSpec { Source = new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } } },
        });
        var web1 = await bed.CreateProviderVmAsync("Web_01", cpu: 2, memory: "2Gi");
        var web2 = await bed.CreateProviderVmAsync("web-02", cpu: 4, memory: "4Gi");
        var db = await bed.CreateProviderVmAsync("db.01");
        var managedId = await bed.CreateProviderVmAsync("managed");
        await bed.CreateBoundVmAsync("managed", managedId);
        await using var manager = TestManager.Start(fixture, m =>
        {
            VirtualMachineControllerSetup.Register(m, bed.Pool, VMSnapshotReconcilerTests.FastVmOptions);
            VMAdoptionControllerSetup.Register(m, bed.Pool, FastOptions);
        });

        await AnnotateAsync(ns, new Dictionary<string, string>
        {
            [VMAdoptionConventions.AdoptVMsAnnotation] = "true",
            [VMAdoptionConventions.AdoptFilterAnnotation] = """{"namePattern":"^(?i)web"}""",
        });
        ProviderAdoptionStatus? adoption = null;
        await Wait.UntilAsync(async () => (adoption = await AdoptionAsync(ns))?.AdoptedVMs == 2, "two VMs to be adopted");
        Assert.Equal((2, 0), (adoption!.DiscoveredVMs, adoption.FailedAdoptions));
        Assert.NotNull(adoption.LastDiscoveryTime);

        foreach (var (name, id, className, cpu) in new[] { ("web-01", web1, "adopted-2cpu-2048mb", 2), ("web-02", web2, "adopted-4cpu-4096mb", 4) })
        {
            var vm = (await GetVmAsync(ns, name))!;
            Assert.Equal("true", vm.Metadata.Label(VMAdoptionConventions.AdoptedLabel));
            Assert.Equal(new ObjectRef { Name = className, Namespace = ns }, vm.Spec.ClassRef);
            Assert.Equal(new ObjectRef { Name = "mock", Namespace = ns }, vm.Spec.ProviderRef);
            Assert.Equal((id, ImportedDiskSource.Manual), (vm.Spec.ImportedDisk!.DiskID, vm.Spec.ImportedDisk.Source));
            Assert.Equal(cpu, vm.Spec.Resources!.Cpu);
            Assert.Equal(id, vm.Status!.Id);
            var vmClass = await _api.VMClasses(ns).GetAsync(className);
            Assert.Equal(cpu, vmClass.Spec.Cpu);
            Assert.Equal("true", vmClass.Metadata.Label(VMAdoptionConventions.AdoptedLabel));

            // The VM controller takes over without creating anything.
            await Wait.UntilAsync(async () => Conditions.IsTrue((await GetVmAsync(ns, name))?.Status?.Conditions, VirtualMachineConventions.ConditionReady), $"adopted VM {name} to be Ready");
        }

        Assert.Null(await GetVmAsync(ns, "db-01"));
        Assert.Equal(4, (await bed.Connection.ListVMsAsync(CancellationToken.None)).Vms.Count);

        // A new filter is acted on at once; already adopted and managed VMs are left alone.
        await AnnotateAsync(ns, new Dictionary<string, string> { [VMAdoptionConventions.AdoptVMsAnnotation] = "true" });
        await Wait.UntilAsync(async () => await AdoptionAsync(ns) is { DiscoveredVMs: 1, AdoptedVMs: 1, FailedAdoptions: 0 }, "a discovery that adopts db.01 alone");
        Assert.Equal(db, (await GetVmAsync(ns, "db-01"))?.Status?.Id);
        Assert.Equal(4, (await bed.Connection.ListVMsAsync(CancellationToken.None)).Vms.Count);
        Assert.Null((await GetVmAsync(ns, "managed"))!.Metadata.Label(VMAdoptionConventions.AdoptedLabel));
    }

    [Fact]
    public async Task Reconcile_InvalidFilterThenAnnotationRemoved_MessageThenCleared()
    {
        var ns = fixture.NewNamespace("adopt-filter");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns);
        await bed.CreateProviderVmAsync("lonely");
        await using var manager = TestManager.Start(fixture, m => VMAdoptionControllerSetup.Register(m, bed.Pool, FastOptions));

        await AnnotateAsync(ns, new Dictionary<string, string>
        {
            [VMAdoptionConventions.AdoptVMsAnnotation] = "true",
            [VMAdoptionConventions.AdoptFilterAnnotation] = """{"minCpu":2}""",
        });
        ProviderAdoptionStatus? adoption = null;
        await Wait.UntilAsync(async () => (adoption = await AdoptionAsync(ns))?.Message is not null, "the invalid filter to be reported");
        Assert.Contains(VMAdoptionConventions.AdoptFilterAnnotation, adoption!.Message, StringComparison.Ordinal);
        Assert.Contains("minCpu", adoption.Message, StringComparison.Ordinal);
        Assert.Null(await GetVmAsync(ns, "lonely"));
        await Wait.UntilAsync(async () => (await ConnectedProvider.EventReasonsAsync(_api, ns, "mock")).Contains(VMAdoptionConventions.EventInvalidFilter), "the AdoptionFilterInvalid event");

        await AnnotateAsync(ns, null);
        await Wait.UntilAsync(async () => await AdoptionAsync(ns) is null, "status.adoption to be cleared");
        Assert.Null(await GetVmAsync(ns, "lonely"));
    }

    public void Dispose() => _api.Dispose();
}
