using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The libvirt <c>&lt;driver&gt;</c> element of a NIC.</summary>
public sealed record LibvirtNetworkDriver
{
    [JsonPropertyName("name")]
    [Enum("kvm", "vfio", "uio")]
    public string? Name { get; init; }

    [JsonPropertyName("queues")]
    [Minimum(1)]
    [Maximum(16)]
    public int? Queues { get; init; }

    [JsonPropertyName("txMode")]
    [Enum("iothread", "timer")]
    public string? TxMode { get; init; }

    [JsonPropertyName("ioEventFD")]
    public bool? IoEventFD { get; init; }

    [JsonPropertyName("eventIDX")]
    public bool? EventIDX { get; init; }
}
