using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// How VMs on a network get addresses. The configuration block must match the type:
/// <c>Static</c> needs <see cref="StaticConfig"/>, <c>Pool</c> needs <see cref="PoolConfig"/>.
/// </summary>
public sealed record IPAllocationConfig
{
    [JsonPropertyName("type")]
    [Default("DHCP")]
    public IPAllocationType? Type { get; init; }

    [JsonPropertyName("staticConfig")]
    public StaticIPConfig? StaticConfig { get; init; }

    [JsonPropertyName("poolConfig")]
    public IPPoolConfig? PoolConfig { get; init; }

    [JsonPropertyName("dhcpConfig")]
    public DHCPConfig? DhcpConfig { get; init; }

    [JsonPropertyName("dnsConfig")]
    public NetworkDNSConfig? DnsConfig { get; init; }
}
