using System.ComponentModel.DataAnnotations;

namespace VirtRigaud.Provider.Sdk.Idempotency;

/// <summary>How long an <see cref="IdempotencyRegistry"/> remembers completed operations. Immutable; checked by the registry's constructor.</summary>
public sealed record IdempotencyRegistryOptions
{
    /// <summary>
    /// How long a completed operation's result is returned to repeats without running it again. Long enough to cover
    /// the manager's retry after a lost response (its deadlines are at most 30 minutes); the provider's own
    /// "does it exist already" check covers everything later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Retention { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>At most this many completed operations are remembered; the oldest are forgotten first.</summary>
    [Range(1, 1_000_000)]
    public int MaxCompleted { get; init; } = 10_000;
}
