using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// One element of CreateRequest.networks_json (a JSON array): upstream contracts.NetworkAttachment. The upstream
/// manager never sets Portgroup, MacAddress or IPPolicy (a vSphere portgroup travels in NetworkName). Go field names,
/// every field always written (no json tags upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record NetworkAttachmentPayload
{
    [JsonPropertyName("Name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("Portgroup")]
    public string Portgroup { get; init; } = "";

    [JsonPropertyName("NetworkName")]
    public string NetworkName { get; init; } = "";

    [JsonPropertyName("Bridge")]
    public string Bridge { get; init; } = "";

    [JsonPropertyName("VLAN")]
    public int Vlan { get; init; }

    [JsonPropertyName("Model")]
    public string Model { get; init; } = "";

    [JsonPropertyName("MacAddress")]
    public string MacAddress { get; init; } = "";

    [JsonPropertyName("IPPolicy")]
    public string IpPolicy { get; init; } = "";

    [JsonPropertyName("StaticIP")]
    public string StaticIp { get; init; } = "";

    /// <summary>Prefix length of StaticIP; 0 when unset.</summary>
    [JsonPropertyName("Prefix")]
    public int Prefix { get; init; }

    [JsonPropertyName("Gateway")]
    public string Gateway { get; init; } = "";

    /// <summary>DNS servers as the VirtualMachine spec gives them (a comma-separated string).</summary>
    [JsonPropertyName("DNS")]
    public string Dns { get; init; } = "";

    /// <summary>vSphere PCI slot of the adapter; null when unset.</summary>
    [JsonPropertyName("PCISlotNumber")]
    public int? PciSlotNumber { get; init; }
}
