using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>libvirt storage for an imported image.</summary>
public sealed record LibvirtImageStorage
{
    [JsonPropertyName("storagePool")]
    [MaxLength(255)]
    public string? StoragePool { get; init; }

    [JsonPropertyName("allocationPolicy")]
    [Enum("eager", "lazy")]
    public string? AllocationPolicy { get; init; }

    /// <summary>qemu-img preallocation mode.</summary>
    [JsonPropertyName("preallocation")]
    [Enum("off", "metadata", "falloc", "full")]
    public string? Preallocation { get; init; }
}
