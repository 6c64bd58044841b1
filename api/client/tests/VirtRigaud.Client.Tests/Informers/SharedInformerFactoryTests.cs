using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Informers;
using VirtRigaud.Client.Tests.Testing;
using VirtRigaud.Client.Tests.WorkQueue;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>One informer per resource and namespace, started and synced together, against our real API server.</summary>
public sealed class SharedInformerFactoryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task InformerFor_SameResourceAndNamespace_OneSharedInformer()
    {
        await using var factory = new SharedInformerFactory(fixture.Client.Rest);

        var first = factory.InformerFor(ResourceDefinitions.VirtualMachines, "a");
        var second = factory.InformerFor(ResourceDefinitions.VirtualMachines, "a");
        var other = factory.InformerFor(ResourceDefinitions.VirtualMachines, "b");
        var all = factory.InformerFor(ResourceDefinitions.VirtualMachines);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.NotSame(first, all);
        Assert.Same(factory.InformerFor(ResourceDefinitions.Namespaces, "ignored-for-cluster-scope"), factory.InformerFor(ResourceDefinitions.Namespaces));
        Assert.Same(first.Lister, factory.ListerFor(ResourceDefinitions.VirtualMachines, "a"));
    }

    [Fact]
    public async Task Start_SyncsEveryInformerAndServesListers()
    {
        var ns = fixture.NewNamespace("factory");
        await fixture.Client.VirtualMachines(ns).CreateAsync(Objects.Vm("web-1"));
        await fixture.Client.VMClasses(ns).CreateAsync(Objects.VmClass("small"));
        await using var factory = new SharedInformerFactory(fixture.Client.Rest, new SharedInformerFactoryOptions { Namespace = ns });
        var vms = factory.InformerFor(ResourceDefinitions.VirtualMachines);
        var classes = factory.InformerFor(ResourceDefinitions.VMClasses);

        factory.Start();
        await factory.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

        Assert.True(vms.HasSynced);
        Assert.True(classes.HasSynced);
        Assert.Equal("web-1", Assert.Single(factory.ListerFor(ResourceDefinitions.VirtualMachines).Namespace(ns).List()).Metadata.Name);
        Assert.NotNull(factory.ListerFor(ResourceDefinitions.VMClasses).Get(ns, "small"));
    }

    [Fact]
    public async Task Start_InformerRequestedLater_StartsAtTheNextStart()
    {
        var ns = fixture.NewNamespace("late");
        await using var factory = new SharedInformerFactory(fixture.Client.Rest);
        var early = factory.InformerFor(ResourceDefinitions.VirtualMachines, ns);
        factory.Start();
        var late = factory.InformerFor(ResourceDefinitions.VMSets, ns);

        await factory.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        Assert.True(early.IsStarted);
        Assert.False(late.IsStarted);

        factory.Start();
        await factory.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        Assert.True(late.HasSynced);
    }

    [Fact]
    public async Task ShutdownAsync_StopsEveryInformerAndRefusesNewOnes()
    {
        var factory = new SharedInformerFactory(fixture.Client.Rest);
        var informer = factory.InformerFor(ResourceDefinitions.VirtualMachines, fixture.NewNamespace("stop"));
        factory.Start();
        await factory.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

        await factory.ShutdownAsync().WaitAsync(Eventually.DefaultTimeout);
        await factory.DisposeAsync();

        Assert.True(informer.IsStopped);
        Assert.Throws<ObjectDisposedException>(() => factory.InformerFor(ResourceDefinitions.VMClasses));
    }
}
