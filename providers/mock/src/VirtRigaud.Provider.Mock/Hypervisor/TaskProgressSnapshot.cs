namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A task's state at one instant (TaskStatus and WatchTask). Immutable.</summary>
public sealed record TaskProgressSnapshot
{
    public required string TaskId { get; init; }

    public required string Operation { get; init; }

    public required bool Done { get; init; }

    /// <summary>Non-empty when the task failed (then <see cref="Done"/> is true).</summary>
    public required string Error { get; init; }

    public required long BytesDone { get; init; }

    public required long BytesTotal { get; init; }

    /// <summary>In [0, 100]; 100 when done without error.</summary>
    public required double Percentage { get; init; }

    public required string Message { get; init; }

    public required string Phase { get; init; }

    /// <summary>When the task finishes.</summary>
    public required DateTimeOffset DueAt { get; init; }
}
