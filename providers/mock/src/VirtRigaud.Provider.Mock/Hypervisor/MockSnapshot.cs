namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// A node of a VM's snapshot tree: the hardware and disk state at the time it was taken, and whether the running
/// memory was included (then reverting to it leaves the VM on). Immutable except <see cref="ParentId"/>, which moves up
/// when the parent is deleted.
/// </summary>
internal sealed class MockSnapshot
{
    public required string Id { get; init; }

    public string Description { get; init; } = "";

    public string? ParentId { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool IncludesMemory { get; init; }

    public required int Cpu { get; init; }

    public required int MemoryMiB { get; init; }

    public required List<MockSnapshotDisk> Disks { get; init; }

    /// <summary>The task that took it, to join an idempotent repeat while it runs.</summary>
    public string? TaskId { get; init; }
}
