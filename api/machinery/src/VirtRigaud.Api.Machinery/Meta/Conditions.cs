namespace VirtRigaud.Api.Machinery;

/// <summary>
/// Helpers over a list of <see cref="Condition"/> with apimachinery's <c>meta.SetStatusCondition</c> semantics.
/// They never mutate their input; they return the new list.
/// </summary>
public static class Conditions
{
    /// <summary>The condition of the given type, or <c>null</c>.</summary>
    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Whether the condition of the given type exists and is True.</summary>
    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) => Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>Whether the condition of the given type exists and is False.</summary>
    public static bool IsFalse(IReadOnlyList<Condition>? conditions, string type) => Find(conditions, type)?.Status == ConditionStatus.False;

    /// <summary>
    /// Adds or replaces the condition of <paramref name="condition"/>'s type. The transition time is kept when the
    /// status is unchanged and set to <paramref name="now"/> (seconds precision) when it changes or the condition is new.
    /// Reason, message and observedGeneration always take the new values.
    /// </summary>
    public static IReadOnlyList<Condition> Set(IReadOnlyList<Condition>? conditions, Condition condition, DateTimeOffset now)
    {
        var list = conditions?.ToList() ?? [];
        var nowSeconds = TruncateToSeconds(now);
        var index = list.FindIndex(c => c.Type == condition.Type);
        if (index < 0)
        {
            list.Add(condition.LastTransitionTime == default ? condition with { LastTransitionTime = nowSeconds } : condition);
            return list;
        }

        var existing = list[index];
        var transition = existing.Status != condition.Status
            ? (condition.LastTransitionTime == default ? nowSeconds : condition.LastTransitionTime)
            : existing.LastTransitionTime;
        list[index] = condition with { LastTransitionTime = transition };
        return list;
    }

    /// <summary>
    /// <see cref="Set(IReadOnlyList{Condition}?, Condition, DateTimeOffset)"/> with a condition made of its parts, observed at
    /// <paramref name="generation"/> (the object's metadata.generation).
    /// </summary>
    public static IReadOnlyList<Condition> Set(
        IReadOnlyList<Condition>? conditions, string type, ConditionStatus status, string reason, string message, long? generation, DateTimeOffset now) =>
        Set(conditions, new Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = default,
        }, now);

    /// <summary>Removes the condition of the given type, if present.</summary>
    public static IReadOnlyList<Condition> Remove(IReadOnlyList<Condition>? conditions, string type) =>
        conditions?.Where(c => c.Type != type).ToList() ?? [];

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
