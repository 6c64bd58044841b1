namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The outcome of SnapshotCreate (<c>TaskId</c> <c>null</c> ⇒ done). Immutable.</summary>
public sealed record SnapshotCreated(string SnapshotId, string? TaskId);
