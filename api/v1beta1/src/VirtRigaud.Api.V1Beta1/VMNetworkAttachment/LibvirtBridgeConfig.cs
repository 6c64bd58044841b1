using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A Linux host bridge used directly by libvirt.</summary>
public sealed record LibvirtBridgeConfig
{
    /// <summary>The bridge interface, e.g. <c>br0</c> (Linux interface names have at most 15 characters).</summary>
    [JsonPropertyName("name")]
    [MaxLength(15)]
    public required string Name { get; init; }

    [JsonPropertyName("stp")]
    [Default(false)]
    public bool? Stp { get; init; }

    /// <summary>STP forward delay in seconds.</summary>
    [JsonPropertyName("delay")]
    [Minimum(0)]
    [Maximum(30)]
    public int? Delay { get; init; }
}
