using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The VirtualMachine a <see cref="VMMigration"/> creates on the target provider.</summary>
public sealed record MigrationTarget
{
    /// <summary>The name of the target VirtualMachine.</summary>
    [JsonPropertyName("name")]
    [MaxLength(253)]
    [Pattern(Patterns.Dns1123Label)]
    public required string Name { get; init; }

    /// <summary>The namespace of the target VirtualMachine; the migration's namespace when absent.</summary>
    [JsonPropertyName("namespace")]
    [MaxLength(63)]
    [Pattern(Patterns.Dns1123Label)]
    public string? Namespace { get; init; }

    [JsonPropertyName("providerRef")]
    public required ObjectRef ProviderRef { get; init; }

    /// <summary>
    /// The VMClass of the target VM, resolved in the migration's namespace. Optional in the schema but needed in
    /// practice (a VirtualMachine requires a class); <see cref="VMMigrationValidation"/> requires it.
    /// </summary>
    [JsonPropertyName("classRef")]
    public LocalObjectReference? ClassRef { get; init; }

    /// <summary>Declared upstream; the target VM is built from the imported disk, not an image.</summary>
    [JsonPropertyName("imageRef")]
    public LocalObjectReference? ImageRef { get; init; }

    [JsonPropertyName("networks")]
    [MaxItems(10)]
    public IReadOnlyList<VMNetworkRef>? Networks { get; init; }

    /// <summary>Declared upstream; not applied to the target VM.</summary>
    [JsonPropertyName("disks")]
    [MaxItems(20)]
    public IReadOnlyList<DiskSpec>? Disks { get; init; }

    [JsonPropertyName("placementRef")]
    public LocalObjectReference? PlacementRef { get; init; }

    /// <summary>Declared upstream but not applied: the target VM gets no power state and so is powered on.</summary>
    [JsonPropertyName("powerOn")]
    [Default(false)]
    public bool? PowerOn { get; init; }

    /// <summary>Labels for the target VirtualMachine.</summary>
    [JsonPropertyName("labels")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations for the target VirtualMachine.</summary>
    [JsonPropertyName("annotations")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
