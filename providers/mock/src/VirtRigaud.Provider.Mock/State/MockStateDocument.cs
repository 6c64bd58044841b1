using VirtRigaud.Provider.Mock.Hypervisor;

namespace VirtRigaud.Provider.Mock.State;

/// <summary>The persisted state of the mock hypervisor (the <c>--state-file</c> JSON). Mutable DTO; built and read under the hypervisor's lock.</summary>
internal sealed class MockStateDocument
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public long NextVmNumber { get; set; } = 1;

    public long NextTaskNumber { get; set; } = 1;

    public long NextSnapshotNumber { get; set; } = 1;

    public List<MockVm> Vms { get; set; } = [];

    public List<MockTask> Tasks { get; set; } = [];

    public List<MockStoredDisk> StoredDisks { get; set; } = [];
}
