using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// A VM of the in-memory hypervisor, in the shape persisted to the state file. Mutable; every access happens under the
/// hypervisor's lock. <see cref="Power"/> is the settled state the VM is in or heading to; <see cref="Transition"/>
/// says what is shown until then.
/// </summary>
internal sealed class MockVm
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public int Cpu { get; set; }

    public int MemoryMiB { get; set; }

    public string Firmware { get; set; } = "BIOS";

    public bool GuestTools { get; set; } = true;

    public int HardwareVersion { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? Datastore { get; set; }

    public string? Cluster { get; set; }

    public string? Folder { get; set; }

    public string? PlacementPolicy { get; set; }

    public string? Hostname { get; set; }

    public VmPowerState Power { get; set; }

    public PowerTransition? Transition { get; set; }

    /// <summary>The VM's unfinished task, if any: other mutations wait (FAILED_PRECONDITION) until it is done.</summary>
    public string? ActiveTaskId { get; set; }

    /// <summary>The task that created it, to join an idempotent Create/Clone repeat while it runs.</summary>
    public string? CreateTaskId { get; set; }

    public List<MockDisk> Disks { get; set; } = [];

    public List<MockNic> Nics { get; set; } = [];

    public List<MockSnapshot> Snapshots { get; set; } = [];

    public string? CurrentSnapshotId { get; set; }

    /// <summary>The source VM of a linked clone: its disks are this VM's backing files.</summary>
    public string? LinkedCloneOf { get; set; }

    public string? ClonedFrom { get; set; }

    public int? VncDisplay { get; set; }

    /// <summary>How the last graceful shutdown ended: <c>graceful</c> or <c>forced after timeout</c>.</summary>
    public string? LastShutdown { get; set; }

    /// <summary>Sizes only: user and meta data may hold secrets and are not kept.</summary>
    public int UserDataBytes { get; set; }

    public int MetaDataBytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Cancelled when the guest stops or the VM is deleted (console sessions end with it). Not persisted.</summary>
    [JsonIgnore]
    public CancellationTokenSource? RunCancellation { get; set; }
}
