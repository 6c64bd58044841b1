using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.Tests.Snapshots;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.Classes;

/// <summary>The VMClass status controller against the real API server; Providers carry the status the Provider controller writes.</summary>
public sealed class VMClassReconcilerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly VirtRigaudClient _api = TestApi.Unthrottled(fixture);

    internal static readonly ProviderReportedCapabilities MockCapabilities = new()
    {
        SupportsReconfigureOnline = true,
        SupportsSnapshots = true,
        SupportsImageImport = true,
        SupportedDiskTypes = ["qcow2", "raw", "thin", "thick", "eager-zeroed"],
        SupportedNetworkTypes = ["virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"],
    };

    internal static readonly ProviderReportedCapabilities LibvirtCapabilities = new()
    {
        SupportsReconfigureOnline = false,
        SupportsImageImport = false,
        SupportedDiskTypes = ["qcow2", "raw", "vmdk"],
        SupportedNetworkTypes = ["virtio", "e1000", "rtl8139"],
    };

    /// <summary>A Provider object with the status a running provider has (no process behind it: these controllers call none).</summary>
    internal static async Task CreateProviderAsync(VirtRigaudClient api, string ns, string name, ProviderType type, ProviderReportedCapabilities? capabilities)
    {
        var provider = await api.Providers(ns).CreateAsync(new Api.V1Beta1.Provider
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = name },
            Spec = new ProviderSpec
            {
                Type = type,
                Endpoint = type == ProviderType.Libvirt ? "qemu:///system" : "https://vcenter.example.com/sdk",
                CredentialSecretRef = new ObjectRef { Name = "creds" },
                Runtime = new ProviderRuntimeSpec { Mode = ProviderRuntimeMode.External, Endpoint = "127.0.0.1:1" },
            },
        });
        if (capabilities is not null)
        {
            await ConnectedProvider.WriteStatusAsync(api, provider, "127.0.0.1:1", capabilities);
        }
    }

    internal static Task CreateVmAsync(VirtRigaudClient api, string ns, string name, string provider, string vmClass = "small", string? image = null, string? network = null) =>
        api.VirtualMachines(ns).CreateAsync(new VirtualMachine
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = name },
            Spec = new VirtualMachineSpec
            {
                ProviderRef = new ObjectRef { Name = provider },
                ClassRef = new ObjectRef { Name = vmClass },
                ImageRef = new ObjectRef { Name = image ?? "ubuntu" },
                Networks = network is null ? null : [new VMNetworkRef { Name = "eth0", NetworkRef = new ObjectRef { Name = network } }],
            },
        });

    [Fact]
    public async Task Reconcile_ClassUsedAcrossProviders_UsageAndPerProviderValidation()
    {
        var ns = fixture.NewNamespace("class");
        await CreateProviderAsync(_api, ns, "kvm", ProviderType.Libvirt, LibvirtCapabilities);
        await CreateProviderAsync(_api, ns, "mock", ProviderType.Mock, MockCapabilities);
        await CreateProviderAsync(_api, ns, "pending", ProviderType.Mock, capabilities: null);
        await using var manager = TestManager.Start(fixture, m => VMClassControllerSetup.Register(m));

        await _api.VMClasses(ns).CreateAsync(new VMClass
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "fast" },
            Spec = new VMClassSpec
            {
                Cpu = 4,
                Memory = Quantity.Parse("8Gi"),
                DiskDefaults = new DiskDefaults { Type = DiskType.Thin },
                PerformanceProfile = new PerformanceProfile { CpuHotAddEnabled = true },
            },
        });
        for (var i = 0; i < 3; i++)
        {
            await CreateVmAsync(_api, ns, $"vm-{i}", "mock", "fast");
        }

        VMClass? vmClass = null;
        await Wait.UntilAsync(async () => (vmClass = await _api.VMClasses(ns).GetAsync("fast")).Status?.UsedByVMs == 3, "usedByVMs to be 3");
        var status = vmClass!.Status!;
        Assert.Equal(vmClass.Metadata.Generation, status.ObservedGeneration);
        Assert.Equal(["kvm", "mock"], status.ValidationResults!.Keys.Order(StringComparer.Ordinal));
        Assert.True(status.ValidationResults["mock"].Valid);
        Assert.NotNull(status.ValidationResults["mock"].LastValidated);
        var kvm = status.ValidationResults["kvm"];
        Assert.False(kvm.Valid);
        Assert.Contains("spec.diskDefaults.type thin is not supported by Provider kvm", kvm.Message, StringComparison.Ordinal);
        Assert.Contains("spec.performanceProfile.cpuHotAddEnabled: Provider kvm", kvm.Message, StringComparison.Ordinal);
        Assert.Equal(["mock"], status.SupportedProviders!);
        var validated = Conditions.Find(status.Conditions, VMClassConventions.ConditionValidated)!;
        Assert.Equal((ConditionStatus.False, VMClassConventions.ReasonInvalid), (validated.Status, validated.Reason));
        Assert.Contains("not checked (capabilities not reported): pending", validated.Message, StringComparison.Ordinal);
        Assert.True(Conditions.IsTrue(status.Conditions, VMClassConventions.ConditionSupported));
        Assert.True(Conditions.IsTrue(status.Conditions, VMClassConventions.ConditionReady));
        await Wait.UntilAsync(async () => (await ConnectedProvider.EventReasonsAsync(_api, ns, "fast")).Contains(VMClassConventions.EventValidationFailed), "the ValidationFailed event");

        // Fixing the class revalidates it; deleting a VM lowers the count.
        await TestApi.UpdateAsync(_api.VMClasses(ns), "fast", c => c with { Spec = c.Spec with { DiskDefaults = new DiskDefaults { Type = DiskType.Thin }, PerformanceProfile = null } });
        await _api.VirtualMachines(ns).DeleteAsync("vm-0");
        await Wait.UntilAsync(async () => (vmClass = await _api.VMClasses(ns).GetAsync("fast")).Status is { UsedByVMs: 2 } s
            && s.ValidationResults!["kvm"].Message!.Contains("diskDefaults", StringComparison.Ordinal)
            && !s.ValidationResults["kvm"].Message!.Contains("cpuHotAdd", StringComparison.Ordinal), "the class to be revalidated and recounted");
    }

    [Fact]
    public async Task Reconcile_BurstOfVms_UsageWritesThrottled()
    {
        var ns = fixture.NewNamespace("class-burst");
        await _api.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "small"));
        await using var manager = TestManager.Start(fixture, m => VMClassControllerSetup.Register(m, new StatusAggregationOptions { UsageWriteInterval = TimeSpan.FromSeconds(2) }));
        await Wait.UntilAsync(async () => (await _api.VMClasses(ns).GetAsync("small")).Status?.UsedByVMs == 0, "the initial status");
        var start = await _api.VMClasses(ns).ListAsync();
        var writes = 0;
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in _api.VMClasses(ns).WatchAsync(new ListOptions { ResourceVersion = start.Metadata.ResourceVersion }, watching.Token))
                {
                    if (change.Type == WatchEventType.Modified)
                    {
                        Interlocked.Increment(ref writes);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        const int Vms = 30;
        for (var i = 0; i < Vms; i++)
        {
            await CreateVmAsync(_api, ns, $"burst-{i}", "mock");
        }

        await Wait.UntilAsync(async () => (await _api.VMClasses(ns).GetAsync("small")).Status?.UsedByVMs == Vms, $"usedByVMs to reach {Vms}");
        await watching.CancelAsync();
        await watch;
        Assert.InRange(writes, 1, Vms / 3);
    }

    public void Dispose() => _api.Dispose();
}
