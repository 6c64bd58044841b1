using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The desired state of a <see cref="VirtualMachine"/>. Also the template of VMSet and the target shape of VMClone
/// and VMMigration. Exactly one of <see cref="ImageRef"/> and <see cref="ImportedDisk"/> must be set.
/// </summary>
public sealed record VirtualMachineSpec
{
    /// <summary>The Provider that runs the VM (defaults to the VM's namespace).</summary>
    [JsonPropertyName("providerRef")]
    public required ObjectRef ProviderRef { get; init; }

    /// <summary>The VMClass giving CPU, memory, firmware and disk defaults.</summary>
    [JsonPropertyName("classRef")]
    public required ObjectRef ClassRef { get; init; }

    /// <summary>The VMImage to boot from; mutually exclusive with <see cref="ImportedDisk"/>.</summary>
    [JsonPropertyName("imageRef")]
    public ObjectRef? ImageRef { get; init; }

    /// <summary>A disk already present on the provider (migration, clone, manual import); mutually exclusive with <see cref="ImageRef"/>.</summary>
    [JsonPropertyName("importedDisk")]
    public ImportedDiskRef? ImportedDisk { get; init; }

    [JsonPropertyName("networks")]
    [MaxItems(10)]
    public IReadOnlyList<VMNetworkRef>? Networks { get; init; }

    /// <summary>Disks in addition to the root disk.</summary>
    [JsonPropertyName("disks")]
    [MaxItems(20)]
    public IReadOnlyList<DiskSpec>? Disks { get; init; }

    [JsonPropertyName("userData")]
    public UserData? UserData { get; init; }

    [JsonPropertyName("metaData")]
    public MetaData? MetaData { get; init; }

    [JsonPropertyName("placement")]
    public Placement? Placement { get; init; }

    /// <summary>The desired power state; absent means <see cref="V1Beta1.PowerState.On"/>.</summary>
    [JsonPropertyName("powerState")]
    public PowerState? PowerState { get; init; }

    [JsonPropertyName("tags")]
    [MaxItems(50)]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Overrides the class's CPU and memory.</summary>
    [JsonPropertyName("resources")]
    public VirtualMachineResources? Resources { get; init; }

    /// <summary>A VMPlacementPolicy in the VM's namespace (reference only; upstream never evaluates it).</summary>
    [JsonPropertyName("placementRef")]
    public LocalObjectReference? PlacementRef { get; init; }

    [JsonPropertyName("snapshot")]
    public VMSnapshotOperation? Snapshot { get; init; }

    [JsonPropertyName("lifecycle")]
    public VirtualMachineLifecycle? Lifecycle { get; init; }
}
