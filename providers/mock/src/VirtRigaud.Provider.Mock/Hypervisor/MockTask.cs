namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// A hypervisor task. The operation's effect is applied when the task starts; the task is done once the clock reaches
/// <see cref="DueAt"/>, so its state is a pure function of time (and survives a restart through the state file).
/// Immutable.
/// </summary>
internal sealed class MockTask
{
    public required string Id { get; init; }

    /// <summary>The RPC that started it (Create, Power, ExportDisk, …).</summary>
    public required string Operation { get; init; }

    public string? VmId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Why it failed (then the effect was not applied), or <c>null</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Bytes moved by a data task (export, import, image download); 0 otherwise.</summary>
    public long BytesTotal { get; init; }

    public string Message { get; init; } = "";

    /// <summary>A short step name for WatchTask (<c>powering-on</c>, <c>copying</c>…).</summary>
    public string Phase { get; init; } = "";

    public bool IsDone(DateTimeOffset now) => now >= DueAt;
}
