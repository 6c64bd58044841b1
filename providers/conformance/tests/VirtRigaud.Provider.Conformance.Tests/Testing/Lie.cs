namespace VirtRigaud.Provider.Conformance.Tests.Testing;

/// <summary>The ways <see cref="LyingProvider"/> breaks the contract; each must make one conformance case fail.</summary>
public enum Lie
{
    /// <summary>A second Create of a name makes another VM instead of returning the first.</summary>
    CreateNotIdempotent,

    /// <summary>Describe of a missing VM answers NOT_FOUND instead of exists=false.</summary>
    DescribeMissingNotFound,

    /// <summary>Power of a missing VM answers INTERNAL instead of NOT_FOUND.</summary>
    MissingVmPowerInternal,

    /// <summary>GetCapabilities denies snapshots while SnapshotCreate still takes them.</summary>
    SnapshotsHiddenButWorking,

    /// <summary>GetCapabilities claims memory snapshots without snapshots.</summary>
    MemorySnapshotsWithoutSnapshots,

    /// <summary>Power answers OK and does nothing.</summary>
    PowerIgnored,

    /// <summary>TaskStatus never reports a task done.</summary>
    TaskNeverDone,

    /// <summary>ListVMs leaves out VMs whose name ends in "-list-b".</summary>
    ListOmitsVm,

    /// <summary>ImportDisk ignores verify_checksum, so a wrong expected checksum is accepted.</summary>
    ImportIgnoresChecksum,

    /// <summary>Delete answers UNAVAILABLE, so a case's cleanup fails.</summary>
    DeleteFails,

    /// <summary>ConsoleStream ends a session the client half-closed without the CLIENT_CLOSED message.</summary>
    ConsoleClosesSilently,
}
