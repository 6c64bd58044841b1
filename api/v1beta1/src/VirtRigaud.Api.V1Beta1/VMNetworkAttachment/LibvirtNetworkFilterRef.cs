using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A libvirt network filter (<c>virsh nwfilter-list</c>) applied to the NIC.</summary>
public sealed record LibvirtNetworkFilterRef
{
    [JsonPropertyName("filter")]
    [MaxLength(255)]
    public required string Filter { get; init; }

    [JsonPropertyName("parameters")]
    [MaxProperties(20)]
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}
