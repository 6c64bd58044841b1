using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Snapshots;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.Snapshots;

/// <summary>Retention on a fake clock: maxAge with a grace period, maxCount with a pinned snapshot, deleteOnVMDelete.</summary>
public sealed class VMSnapshotRetentionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly VirtRigaudClient _api = TestApi.Unthrottled(fixture);

    private static VMSnapshot Snapshot(string ns, string name, SnapshotRetentionPolicy policy, bool pinned = false) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        Spec = new VMSnapshotSpec
        {
            VMRef = new LocalObjectReference { Name = "web" },
            RetentionPolicy = policy,
            Metadata = pinned ? new SnapshotMetadata { Pinned = true, Purpose = "restore-point" } : null,
        },
    };

    private async Task<VMSnapshot?> GetAsync(string ns, string name)
    {
        try
        {
            return await _api.VMSnapshots(ns).GetAsync(name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits for a state, moving the fake clock by <paramref name="step"/> (20 ms by default) after each look: queue
    /// back-offs run on the same clock, and a requeue the controller schedules just after the test moved the clock is
    /// due one delay after that move, so a deadline is reached by stepping past it rather than by one exact jump.
    /// </summary>
    private async Task<VMSnapshot?> UntilAsync(FakeTimeProvider time, string ns, string name, Func<VMSnapshot?, bool> condition, string what, TimeSpan? step = null)
    {
        VMSnapshot? snapshot = null;
        await Wait.UntilAsync(async () =>
        {
            if (condition(snapshot = await GetAsync(ns, name)))
            {
                return true;
            }

            time.Advance(step ?? TimeSpan.FromMilliseconds(20));
            return false;
        }, what);
        return snapshot;
    }

    [Fact]
    public async Task Reconcile_RetentionPolicies_ExpireAndDeleteOnTheClock()
    {
        var ns = fixture.NewNamespace("snap-retain");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns);
        var id = await bed.CreateProviderVmAsync("web");
        await bed.CreateBoundVmAsync("web", id);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var manager = TestManager.Start(fixture, m => VMSnapshotControllerSetup.Register(m, bed.Pool, VMSnapshotReconcilerTests.FastOptions), time: time);
        var clients = _api.VMSnapshots(ns);

        // maxAge 1h + gracePeriod 2h: Ready (expiry shown) → Expired after 1h → deleted 2h later.
        await clients.CreateAsync(Snapshot(ns, "aged", new SnapshotRetentionPolicy { MaxAge = Duration.Parse("1h"), GracePeriod = Duration.Parse("2h") }));
        var aged = (await UntilAsync(time, ns, "aged", s => s?.Status?.Phase == SnapshotPhase.Ready, "aged to be Ready"))!;
        Assert.Equal(aged.Status!.CreationTime!.Value.AddHours(1), aged.Status.ExpiryTime);
        aged = (await UntilAsync(time, ns, "aged", s => s?.Status?.Phase == SnapshotPhase.Expired, "aged to expire", TimeSpan.FromMinutes(1)))!;
        Assert.True(time.GetUtcNow() - aged.Status!.CreationTime!.Value < TimeSpan.FromHours(3), "expired before its grace period ended");
        var expired = Conditions.Find(aged.Status!.Conditions, VMSnapshotConventions.ConditionExpired)!;
        Assert.Equal((ConditionStatus.True, VMSnapshotConventions.ReasonExpired), (expired.Status, expired.Reason));
        Assert.Contains("maxAge 1h", expired.Message, StringComparison.Ordinal);
        Assert.True(Conditions.IsTrue(aged.Status.Conditions, VMSnapshotConventions.ConditionReady), "an expired snapshot still exists until its grace period ends");
        await UntilAsync(time, ns, "aged", s => s is null, "aged to be deleted after its grace period", TimeSpan.FromMinutes(5));
        Assert.True(time.GetUtcNow() >= aged.Status.ExpiryTime!.Value.AddHours(2), "deleted only after the grace period");

        // maxCount 2: the oldest unpinned snapshot beyond the count goes; the pinned one stays.
        var count = new SnapshotRetentionPolicy { MaxCount = 2, GracePeriod = Duration.Parse("0s") };
        foreach (var (name, pinned) in new[] { ("p0", true), ("s1", false), ("s2", false), ("s3", false) })
        {
            await clients.CreateAsync(Snapshot(ns, name, count, pinned));
            await UntilAsync(time, ns, name, s => s?.Status?.Phase == SnapshotPhase.Ready, $"{name} to be Ready");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await UntilAsync(time, ns, "s1", s => s is null, "s1 to be deleted by maxCount");
        Assert.Equal(SnapshotPhase.Ready, (await GetAsync(ns, "s2"))?.Status?.Phase);
        Assert.Equal(SnapshotPhase.Ready, (await GetAsync(ns, "s3"))?.Status?.Phase);
        Assert.Equal(SnapshotPhase.Ready, (await GetAsync(ns, "p0"))?.Status?.Phase);
        var remaining = Assert.Single(await bed.ProviderVmsNamedAsync("web")).ProviderRaw["snapshots"];
        Assert.Equal("3", remaining);

        // deleteOnVMDelete: the VM's deletion takes the snapshots; one that opted out is kept, as is the pinned one.
        await clients.CreateAsync(Snapshot(ns, "kept", new SnapshotRetentionPolicy { DeleteOnVMDelete = false }));
        await UntilAsync(time, ns, "kept", s => s?.Status?.Phase == SnapshotPhase.Ready, "kept to be Ready");
        await _api.VirtualMachines(ns).DeleteAsync("web");
        await UntilAsync(time, ns, "s2", s => s is null, "s2 to be deleted with its VM");
        await UntilAsync(time, ns, "s3", s => s is null, "s3 to be deleted with its VM");
        foreach (var name in new[] { "kept", "p0" })
        {
            var orphan = (await UntilAsync(time, ns, name, s => s?.Status?.Phase == SnapshotPhase.Expired, $"{name} to be marked orphaned"))!;
            var ready = Conditions.Find(orphan.Status!.Conditions, VMSnapshotConventions.ConditionReady)!;
            Assert.Equal((ConditionStatus.False, VMSnapshotConventions.ReasonVMDeleted), (ready.Status, ready.Reason));
            Assert.False(orphan.Status.ProviderStatus!["mock"].Available);
        }
    }

    public void Dispose() => _api.Dispose();
}
