using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary><see cref="Conditions"/> with the semantics of k8s.io/apimachinery/pkg/api/meta's condition helpers.</summary>
public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 3, 1, 12, 30, 45, TimeSpan.Zero).AddTicks(7_891_234);
    private static readonly DateTimeOffset NowSeconds = new(2025, 3, 1, 12, 30, 45, TimeSpan.Zero);
    private static readonly DateTimeOffset Given = new(2025, 2, 1, 8, 0, 0, TimeSpan.Zero);

    private static Condition Cond(string type, ConditionStatus status, string reason = "Reason", string message = "", long? generation = null, DateTimeOffset time = default) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = generation, LastTransitionTime = time };

    private static IReadOnlyList<Condition> Existing() =>
    [
        Cond("Ready", ConditionStatus.True, "Provisioned", "VM is running", 2, T0),
        Cond("Degraded", ConditionStatus.False, "AsExpected", "", 2, T0),
    ];

    [Fact]
    public void Set_NewConditionWithoutTime_GetsNowTruncatedToSeconds()
    {
        var result = Conditions.Set(null, Cond("Ready", ConditionStatus.True), Now);

        var ready = Assert.Single(result);
        Assert.Equal(NowSeconds, ready.LastTransitionTime);
        Assert.Equal(TimeSpan.Zero, ready.LastTransitionTime.Offset);
    }

    [Fact]
    public void Set_NowWithOffset_IsStoredInUtc()
    {
        var now = new DateTimeOffset(2025, 3, 1, 13, 30, 45, TimeSpan.FromHours(1)).AddMilliseconds(500);

        var ready = Assert.Single(Conditions.Set([], Cond("Ready", ConditionStatus.True), now));

        Assert.Equal((NowSeconds, TimeSpan.Zero), (ready.LastTransitionTime, ready.LastTransitionTime.Offset));
    }

    [Fact]
    public void Set_NewConditionWithTime_KeepsTheGivenTime()
    {
        var result = Conditions.Set(Existing(), Cond("Synced", ConditionStatus.Unknown, time: Given), Now);

        Assert.Equal(["Ready", "Degraded", "Synced"], result.Select(c => c.Type));
        Assert.Equal(Given, result[2].LastTransitionTime);
    }

    // Existing Ready is True at T0 (reason Provisioned, message "VM is running", generation 2).
    public static TheoryData<string, ConditionStatus, string, string, long?, DateTimeOffset, DateTimeOffset> Updates => new()
    {
        // status changes: the transition time moves to now (or to the time the caller gave)
        { "status changes", ConditionStatus.False, "PoweredOff", "stopped", 3, default, NowSeconds },
        { "status changes with time", ConditionStatus.False, "PoweredOff", "stopped", 3, Given, Given },
        { "status becomes unknown", ConditionStatus.Unknown, "ProviderUnreachable", "", 2, default, NowSeconds },

        // status stays: the transition time stays, whatever else changes and whatever time the caller gave
        { "nothing changes", ConditionStatus.True, "Provisioned", "VM is running", 2, default, T0 },
        { "reason changes", ConditionStatus.True, "Reconfigured", "VM is running", 2, default, T0 },
        { "message changes", ConditionStatus.True, "Provisioned", "VM is running on esx-2", 2, default, T0 },
        { "generation changes", ConditionStatus.True, "Provisioned", "VM is running", 5, default, T0 },
        { "generation removed", ConditionStatus.True, "Provisioned", "VM is running", null, default, T0 },
        { "time given", ConditionStatus.True, "Provisioned", "VM is running", 2, Given, T0 },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void Set_ExistingCondition_FollowsSetStatusCondition(
        string scenario, ConditionStatus status, string reason, string message, long? generation, DateTimeOffset given, DateTimeOffset expectedTime)
    {
        _ = scenario;

        var result = Conditions.Set(Existing(), Cond("Ready", status, reason, message, generation, given), Now);

        Assert.Equal(2, result.Count);
        Assert.Equal(Cond("Ready", status, reason, message, generation, expectedTime), result[0]);
        Assert.Equal(Existing()[1], result[1]);
    }

    [Fact]
    public void Set_Input_IsNeverMutated()
    {
        var input = Existing().ToList();
        var snapshot = input.ToList();

        var result = Conditions.Set(input, Cond("Ready", ConditionStatus.False), Now);
        var added = Conditions.Set(input, Cond("Synced", ConditionStatus.True), Now);

        Assert.Equal(snapshot, input);
        Assert.NotSame(input, result);
        Assert.NotSame(input, added);
        Assert.Equal(3, added.Count);
    }

    [Theory]
    [InlineData("Ready", "Provisioned")]
    [InlineData("Degraded", "AsExpected")]
    [InlineData("Synced", null)]
    public void Find_Type_ReturnsTheCondition(string type, string? expectedReason)
    {
        Assert.Equal(expectedReason, Conditions.Find(Existing(), type)?.Reason);
    }

    [Fact]
    public void Find_TypeTwice_ReturnsTheFirst()
    {
        IReadOnlyList<Condition> list = [Cond("Ready", ConditionStatus.True, "First"), Cond("Ready", ConditionStatus.False, "Second")];

        Assert.Equal("First", Conditions.Find(list, "Ready")!.Reason);
    }

    [Fact]
    public void Find_NullList_ReturnsNull()
    {
        Assert.Null(Conditions.Find(null, "Ready"));
    }

    [Theory]
    [InlineData(ConditionStatus.True, true, false)]
    [InlineData(ConditionStatus.False, false, true)]
    [InlineData(ConditionStatus.Unknown, false, false)]
    public void IsTrueIsFalse_Status_MatchOnlyTheirStatus(ConditionStatus status, bool isTrue, bool isFalse)
    {
        IReadOnlyList<Condition> list = [Cond("Ready", status)];

        Assert.Equal((isTrue, isFalse), (Conditions.IsTrue(list, "Ready"), Conditions.IsFalse(list, "Ready")));
    }

    [Fact]
    public void IsTrueIsFalse_Missing_AreBothFalse()
    {
        Assert.False(Conditions.IsTrue(Existing(), "Synced"));
        Assert.False(Conditions.IsFalse(Existing(), "Synced"));
        Assert.False(Conditions.IsTrue(null, "Ready"));
        Assert.False(Conditions.IsFalse(null, "Ready"));
    }

    [Theory]
    [InlineData("Ready", new[] { "Degraded" })]
    [InlineData("Degraded", new[] { "Ready" })]
    [InlineData("Synced", new[] { "Ready", "Degraded" })]
    public void Remove_Type_RemovesOnlyThatType(string type, string[] remaining)
    {
        var input = Existing();

        var result = Conditions.Remove(input, type);

        Assert.Equal(remaining, result.Select(c => c.Type));
        Assert.Equal(2, input.Count);
    }

    [Fact]
    public void Remove_TypeTwice_RemovesBoth()
    {
        IReadOnlyList<Condition> list = [Cond("Ready", ConditionStatus.True), Cond("Synced", ConditionStatus.True), Cond("Ready", ConditionStatus.False)];

        Assert.Equal(["Synced"], Conditions.Remove(list, "Ready").Select(c => c.Type));
    }

    [Fact]
    public void Remove_NullList_IsEmpty()
    {
        Assert.Empty(Conditions.Remove(null, "Ready"));
    }

    [Fact]
    public void Json_Condition_IsMetav1Condition()
    {
        var condition = WireJson.RoundTrip("""
            {"type":"Ready","status":"False","observedGeneration":3,"lastTransitionTime":"2025-03-01T10:00:00Z",
             "reason":"ProviderUnreachable","message":"dial tcp 10.0.0.5:443: i/o timeout"}
            """, MachineryJsonContext.Default.Condition);

        Assert.Equal((ConditionStatus.False, 3L, T0), (condition.Status, condition.ObservedGeneration!.Value, condition.LastTransitionTime));
    }

    [Fact]
    public void Json_ConditionWithoutGeneration_OmitsIt()
    {
        WireJson.AssertWrites(
            """{"type":"Ready","status":"Unknown","lastTransitionTime":"2025-03-01T10:00:00Z","reason":"Pending","message":""}""",
            Cond("Ready", ConditionStatus.Unknown, "Pending", "", null, T0.AddMilliseconds(999)),
            MachineryJsonContext.Default.Condition);
    }
}
