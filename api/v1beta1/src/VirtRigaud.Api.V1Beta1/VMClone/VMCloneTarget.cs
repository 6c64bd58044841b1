using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The VirtualMachine the clone becomes.</summary>
public sealed record VMCloneTarget
{
    /// <summary>Name of the VirtualMachine to create; it must not exist yet.</summary>
    [JsonPropertyName("name")]
    [MaxLength(253)]
    [Pattern(Patterns.Dns1123Label)]
    public required string Name { get; init; }

    /// <summary>Namespace of the target VirtualMachine; empty means the clone's namespace.</summary>
    [JsonPropertyName("namespace")]
    [MaxLength(63)]
    [Pattern(Patterns.Dns1123Label)]
    public string? Namespace { get; init; }

    /// <summary>Accepted for compatibility; a clone always stays on the source VM's provider.</summary>
    [JsonPropertyName("providerRef")]
    public ObjectRef? ProviderRef { get; init; }

    /// <summary>The VMClass of the target; empty means the source VM's class.</summary>
    [JsonPropertyName("classRef")]
    public LocalObjectReference? ClassRef { get; init; }

    /// <summary>A VMPlacementPolicy for the target.</summary>
    [JsonPropertyName("placementRef")]
    public LocalObjectReference? PlacementRef { get; init; }

    [JsonPropertyName("networks")]
    [MaxItems(10)]
    public IReadOnlyList<VMNetworkRef>? Networks { get; init; }

    /// <summary>Disk overrides; accepted but not applied by upstream's clone controller.</summary>
    [JsonPropertyName("disks")]
    [MaxItems(20)]
    public IReadOnlyList<DiskSpec>? Disks { get; init; }

    /// <summary>Labels set on the target VirtualMachine.</summary>
    [JsonPropertyName("labels")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations set on the target VirtualMachine.</summary>
    [JsonPropertyName("annotations")]
    [MaxProperties(50)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
