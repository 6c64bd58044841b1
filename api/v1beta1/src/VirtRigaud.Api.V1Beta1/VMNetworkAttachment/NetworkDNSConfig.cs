using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>DNS settings handed to VMs on a network.</summary>
public sealed record NetworkDNSConfig
{
    [JsonPropertyName("servers")]
    [MaxItems(10)]
    public IReadOnlyList<string>? Servers { get; init; }

    [JsonPropertyName("searchDomains")]
    [MaxItems(10)]
    public IReadOnlyList<string>? SearchDomains { get; init; }

    [JsonPropertyName("options")]
    [MaxProperties(10)]
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}
