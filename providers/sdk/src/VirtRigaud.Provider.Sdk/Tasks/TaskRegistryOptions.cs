using System.ComponentModel.DataAnnotations;

namespace VirtRigaud.Provider.Sdk.Tasks;

/// <summary>How long a <see cref="TaskRegistry"/> remembers finished tasks. Immutable; checked by the registry's constructor.</summary>
public sealed record TaskRegistryOptions
{
    /// <summary>
    /// How long a finished task stays answerable by TaskStatus/WatchTask. The manager polls every few seconds, so an
    /// hour covers a manager restart or a long requeue; after it the task is NOT_FOUND.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>At most this many finished tasks are remembered; the oldest are forgotten first (running tasks are never forgotten).</summary>
    [Range(1, 1_000_000)]
    public int MaxFinishedTasks { get; init; } = 1000;

    /// <summary>Prefix of every task id (followed by 32 random hex digits), so that ids of different providers and runs never collide.</summary>
    [Required]
    [RegularExpression("^[a-z0-9-]{0,32}$")]
    public string IdPrefix { get; init; } = "task-";
}
