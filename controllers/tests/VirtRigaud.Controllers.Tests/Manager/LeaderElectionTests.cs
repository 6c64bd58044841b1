using System.Diagnostics;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.Manager;

/// <summary>Two managers against one real API server (coordination.k8s.io/v1 Leases, standalone).</summary>
public sealed class LeaderElectionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    private static ControllerManagerOptions Options(string ns, string identity) => new()
    {
        Namespace = ns,
        LeaderElection = new LeaderElectionSettings
        {
            Namespace = ns,
            LeaseName = "virtrigaud-test-lease",
            Identity = identity,
            LeaseDuration = LeaseDuration,
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        },
    };

    [Fact]
    public async Task RunAsync_TwoManagers_OnlyLeaderReconcilesAndStoppingItHandsOverWithinLeaseDuration()
    {
        var ns = fixture.NewNamespace("leader");
        var first = new RecordingReconciler();
        var second = new RecordingReconciler();
        await using var a = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Complete(first), Options(ns, "manager-a"));
        await Wait.UntilAsync(() => a.Manager.IsLeader, "manager-a to lead");
        await using var b = await RunningManager.StartAsync(fixture, m => m.NewController(ResourceDefinitions.VMClasses).Complete(second), Options(ns, "manager-b"));
        await Wait.UntilAsync(() => b.Manager.IsReady, "manager-b's caches to sync");

        await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "one"));
        await Wait.UntilAsync(() => first.Calls.Count > 0, "the leader to reconcile");

        // The follower synced its caches (it is ready) but never reconciles while the other leads.
        Assert.True(b.Manager.IsReady);
        Assert.False(b.Manager.IsLeader);
        Assert.Empty(second.Calls);
        var lease = await fixture.Client.Coordination.Leases(ns).GetAsync("virtrigaud-test-lease");
        Assert.Equal("manager-a", lease.Spec!.HolderIdentity);

        var handover = Stopwatch.StartNew();
        await a.StopAsync();
        await Wait.UntilAsync(() => b.Manager.IsLeader, "manager-b to take over");
        handover.Stop();

        // A clean stop releases the lease, so the follower takes it at its next retry, well within one lease duration.
        Assert.True(handover.Elapsed < LeaseDuration, $"handover took {handover.Elapsed}");
        await Wait.UntilAsync(() => second.Calls.Count > 0, "the new leader to reconcile the existing object");
        await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "two"));
        await Wait.UntilAsync(() => second.CountFor(new ObjectKey(ns, "two")) == 1, "the new leader to reconcile a new object");
        Assert.Equal(0, first.CountFor(new ObjectKey(ns, "two")));
    }
}
