using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.Snapshots;

namespace VirtRigaud.Controllers.Tests.Snapshots;

public sealed class SnapshotRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static VMSnapshot Snapshot(string name, DateTimeOffset created, SnapshotRetentionPolicy? policy = null, bool pinned = false, SnapshotPhase phase = SnapshotPhase.Ready, DateTimeOffset? expiry = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = "ns", Name = name, CreationTimestamp = created },
        Spec = new VMSnapshotSpec
        {
            VMRef = new LocalObjectReference { Name = "web" },
            RetentionPolicy = policy,
            Metadata = pinned ? new SnapshotMetadata { Pinned = true } : null,
        },
        Status = new VMSnapshotStatus { SnapshotID = name, Phase = phase, CreationTime = created, ExpiryTime = expiry },
    };

    private static SnapshotRetentionPolicy Policy(string? maxAge = null, int? maxCount = null, string? grace = "0s", bool? deleteOnVMDelete = null, bool? preservePinned = null) => new()
    {
        MaxAge = maxAge is null ? null : Duration.Parse(maxAge),
        MaxCount = maxCount,
        GracePeriod = grace is null ? null : Duration.Parse(grace),
        DeleteOnVMDelete = deleteOnVMDelete,
        PreservePinned = preservePinned,
    };

    [Fact]
    public void Decide_NoPolicy_KeepWithoutDeadline()
    {
        var decision = SnapshotRetention.Decide(Snapshot("a", T0), vmGone: false, [], T0.AddDays(400));

        Assert.Equal(RetentionAction.Keep, decision.Action);
        Assert.Null(decision.ExpiryTime);
        Assert.Null(decision.NextCheck);
    }

    [Fact]
    public void Decide_MaxAgeNotReached_KeepUntilExpiry()
    {
        var decision = SnapshotRetention.Decide(Snapshot("a", T0, Policy(maxAge: "1h")), vmGone: false, [], T0.AddMinutes(10));

        Assert.Equal(RetentionAction.Keep, decision.Action);
        Assert.Equal(T0.AddHours(1), decision.ExpiryTime);
        Assert.Equal(T0.AddHours(1), decision.NextCheck);
    }

    [Fact]
    public void Decide_MaxAgePassedWithinGrace_ExpireUntilGraceEnds()
    {
        var decision = SnapshotRetention.Decide(Snapshot("a", T0, Policy(maxAge: "1h", grace: "30m")), vmGone: false, [], T0.AddHours(1).AddMinutes(5));

        Assert.Equal(RetentionAction.Expire, decision.Action);
        Assert.Equal(T0.AddHours(1), decision.ExpiryTime);
        Assert.Equal(T0.AddHours(1).AddMinutes(30), decision.DeleteAt);
        Assert.Contains("maxAge 1h", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MaxAgeAndGracePassed_Delete()
    {
        var decision = SnapshotRetention.Decide(Snapshot("a", T0, Policy(maxAge: "1h", grace: "30m")), vmGone: false, [], T0.AddHours(2));

        Assert.Equal(RetentionAction.Delete, decision.Action);
    }

    [Fact]
    public void Decide_DefaultGrace_IsOneDay()
    {
        var decision = SnapshotRetention.Decide(Snapshot("a", T0, Policy(maxAge: "1h", grace: null)), vmGone: false, [], T0.AddHours(2));

        Assert.Equal(RetentionAction.Expire, decision.Action);
        Assert.Equal(T0.AddHours(25), decision.DeleteAt);
    }

    [Theory]
    [InlineData(null, RetentionAction.Delete)]
    [InlineData(true, RetentionAction.Delete)]
    [InlineData(false, RetentionAction.Orphaned)]
    public void Decide_VmGone_DeleteOnVmDeleteDecides(bool? deleteOnVMDelete, RetentionAction expected)
    {
        var decision = SnapshotRetention.Decide(Snapshot("a", T0, Policy(deleteOnVMDelete: deleteOnVMDelete)), vmGone: true, [], T0);

        Assert.Equal(expected, decision.Action);
    }

    [Fact]
    public void Decide_PinnedAndPreserved_NeverDeletedAutomatically()
    {
        var pinned = Snapshot("a", T0, Policy(maxAge: "1h", maxCount: 1), pinned: true);
        var newer = new[] { Snapshot("b", T0.AddMinutes(1)), Snapshot("c", T0.AddMinutes(2)) };

        Assert.Equal(RetentionAction.Keep, SnapshotRetention.Decide(pinned, vmGone: false, newer, T0.AddDays(30)).Action);
        Assert.Equal(RetentionAction.Orphaned, SnapshotRetention.Decide(pinned, vmGone: true, [], T0).Action);
    }

    [Fact]
    public void Decide_PinnedButPreservePinnedFalse_Expires()
    {
        var decision = SnapshotRetention.Decide(Snapshot("a", T0, Policy(maxAge: "1h", preservePinned: false), pinned: true), vmGone: false, [], T0.AddHours(2));

        Assert.Equal(RetentionAction.Delete, decision.Action);
    }

    [Fact]
    public void Decide_MaxCount_OldestBeyondCountExpireNewestKept()
    {
        var policy = Policy(maxCount: 2);
        var all = new[] { Snapshot("s1", T0, policy), Snapshot("s2", T0.AddMinutes(1), policy), Snapshot("s3", T0.AddMinutes(2), policy) };
        var now = T0.AddMinutes(3);

        var actions = all.Select(s => SnapshotRetention.Decide(s, vmGone: false, all.Where(o => o != s), now).Action).ToList();

        Assert.Equal([RetentionAction.Delete, RetentionAction.Keep, RetentionAction.Keep], actions);
    }

    [Fact]
    public void Decide_MaxCount_PinnedDeletingAndUncreatedSiblingsNotCounted()
    {
        var policy = Policy(maxCount: 1);
        var self = Snapshot("s1", T0, policy);
        var siblings = new[]
        {
            Snapshot("pinned", T0.AddMinutes(1), pinned: true),
            Snapshot("creating", T0.AddMinutes(2), phase: SnapshotPhase.Creating),
            Snapshot("deleting", T0.AddMinutes(3)) with { Metadata = new ObjectMeta { Name = "deleting", DeletionTimestamp = T0 } },
        };

        Assert.Equal(RetentionAction.Keep, SnapshotRetention.Decide(self, vmGone: false, siblings, T0.AddMinutes(5)).Action);
    }

    [Fact]
    public void Decide_MaxCountWithGrace_KeepsTheRecordedExpiryTime()
    {
        var policy = Policy(maxCount: 1, grace: "10m");
        var expiredAt = T0.AddMinutes(5);
        var self = Snapshot("s1", T0, policy, phase: SnapshotPhase.Expired, expiry: expiredAt);
        var newer = new[] { Snapshot("s2", T0.AddMinutes(1), policy) };

        var decision = SnapshotRetention.Decide(self, vmGone: false, newer, T0.AddMinutes(9));

        Assert.Equal(RetentionAction.Expire, decision.Action);
        Assert.Equal(expiredAt, decision.ExpiryTime);
        Assert.Equal(expiredAt.AddMinutes(10), decision.DeleteAt);
    }

    [Fact]
    public void Decide_ExpiredByCountButNewerSiblingGone_KeepAgain()
    {
        var self = Snapshot("s1", T0, Policy(maxCount: 1, grace: "10m"), phase: SnapshotPhase.Expired, expiry: T0.AddMinutes(5));

        Assert.Equal(RetentionAction.Keep, SnapshotRetention.Decide(self, vmGone: false, [], T0.AddMinutes(6)).Action);
    }

    [Fact]
    public void Decide_SameCreationTime_NameBreaksTheTie()
    {
        var policy = Policy(maxCount: 1);
        var a = Snapshot("a", T0, policy);
        var b = Snapshot("b", T0, policy);

        Assert.Equal(RetentionAction.Delete, SnapshotRetention.Decide(a, vmGone: false, [b], T0).Action);
        Assert.Equal(RetentionAction.Keep, SnapshotRetention.Decide(b, vmGone: false, [a], T0).Action);
    }
}
