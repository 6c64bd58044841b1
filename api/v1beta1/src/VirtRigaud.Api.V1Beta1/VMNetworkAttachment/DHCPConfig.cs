using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>DHCP client settings.</summary>
public sealed record DHCPConfig
{
    [JsonPropertyName("clientID")]
    [MaxLength(255)]
    public string? ClientID { get; init; }

    [JsonPropertyName("hostname")]
    [MaxLength(255)]
    public string? Hostname { get; init; }

    [JsonPropertyName("options")]
    [MaxProperties(20)]
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}
