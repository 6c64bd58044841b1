using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.LeaderElection;
using VirtRigaud.Client.Models.CoordinationV1;
using VirtRigaud.Client.Tests.Testing;
using VirtRigaud.Client.Tests.WorkQueue;

namespace VirtRigaud.Client.Tests.LeaderElection;

/// <summary>
/// The Lease lock against our real API server (its standalone core API serves <c>coordination.k8s.io/v1</c> leases):
/// the store's optimistic concurrency, and two electors competing on real time.
/// </summary>
public sealed class KubernetesLeaseStoreTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset Acquired = new(2026, 11, 21, 12, 0, 0, 123456 / 1000, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_NoLease_Null()
    {
        var store = new KubernetesLeaseStore(fixture.Client.Rest, fixture.NewNamespace("lease"), "controller");

        Assert.Null(await store.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsTheRecordWithMicrosecondTimes()
    {
        var ns = fixture.NewNamespace("lease");
        var store = new KubernetesLeaseStore(fixture.Client.Rest, ns, "controller");
        var record = new LeaderElectionRecord
        {
            HolderIdentity = "node-1_5f3a",
            LeaseDurationSeconds = 15,
            AcquireTime = Acquired.AddTicks(4560),
            RenewTime = Acquired.AddTicks(7890),
            LeaderTransitions = 3,
        };

        var created = await store.CreateAsync(record, CancellationToken.None);
        var read = await store.GetAsync(CancellationToken.None);
        var lease = await fixture.Client.Coordination.Leases(ns).GetAsync("controller");

        Assert.Equal(record, created.Record);
        Assert.Equal(record, read!.Record);
        Assert.Equal(created.ResourceVersion, read.ResourceVersion);
        Assert.Equal("node-1_5f3a", lease.Spec?.HolderIdentity);
        Assert.Equal(3, lease.Spec?.LeaseTransitions);
    }

    [Fact]
    public async Task CreateAsync_Exists_Conflict()
    {
        var store = new KubernetesLeaseStore(fixture.Client.Rest, fixture.NewNamespace("lease"), "controller");
        await store.CreateAsync(new LeaderElectionRecord { HolderIdentity = "a", LeaseDurationSeconds = 15 }, CancellationToken.None);

        await Assert.ThrowsAsync<LeaseConflictException>(() => store.CreateAsync(new LeaderElectionRecord { HolderIdentity = "b", LeaseDurationSeconds = 15 }, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_StaleResourceVersion_ConflictAndKeepsOthersLabels()
    {
        var ns = fixture.NewNamespace("lease");
        var leases = fixture.Client.Coordination.Leases(ns);
        await leases.CreateAsync(new Lease
        {
            Metadata = new ObjectMeta { Name = "controller", Labels = new Dictionary<string, string> { ["team"] = "infra" } },
            Spec = new LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 },
        });
        var store = new KubernetesLeaseStore(fixture.Client.Rest, ns, "controller");
        var read = (await store.GetAsync(CancellationToken.None))!;

        var updated = await store.UpdateAsync(read.Record with { HolderIdentity = "b", LeaderTransitions = 1 }, read.ResourceVersion, CancellationToken.None);
        await Assert.ThrowsAsync<LeaseConflictException>(() => store.UpdateAsync(read.Record with { HolderIdentity = "c" }, read.ResourceVersion, CancellationToken.None));

        var lease = await leases.GetAsync("controller");
        Assert.Equal("b", lease.Spec?.HolderIdentity);
        Assert.Equal(updated.ResourceVersion, lease.Metadata.ResourceVersion);
        Assert.Equal("infra", lease.Metadata.Label("team"));
    }

    [Fact]
    public async Task LeaderElector_TwoCandidatesOnTheRealServer_OneLeadsThenHandsOverOnRelease()
    {
        var ns = fixture.NewNamespace("election");
        var leading = new List<string>();
        var released = new TaskCompletionSource();
        LeaderElector Candidate(string identity) => new(new KubernetesLeaseStore(fixture.Client.Rest, ns, "controller"), new LeaderElectorOptions
        {
            Identity = identity,
            LeaseDuration = TimeSpan.FromSeconds(4),
            RenewDeadline = TimeSpan.FromSeconds(3),
            RetryPeriod = TimeSpan.FromMilliseconds(500),
            ReleaseOnCancel = true,
            OnStartedLeading = async ct =>
            {
                lock (leading)
                {
                    leading.Add(identity);
                }

                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            },
        });
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = Candidate("a");
        var runA = a.RunAsync(stopA.Token);
        await Eventually.TrueAsync(() => a.IsLeader, "a leads");
        var b = Candidate("b");
        var runB = b.RunAsync(stopB.Token);
        await Eventually.TrueAsync(() => b.Leader == "a", "b saw a leading");

        await stopA.CancelAsync();
        await runA.WaitAsync(Eventually.DefaultTimeout);
        await Eventually.TrueAsync(() => b.IsLeader, "b took over");
        await stopB.CancelAsync();
        await runB.WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal(["a", "b"], leading);
        var lease = await fixture.Client.Coordination.Leases(ns).GetAsync("controller");
        Assert.Equal("", lease.Spec?.HolderIdentity ?? "");
        Assert.Equal(1, lease.Spec?.LeaseTransitions);
    }
}
