using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A firewall on a network: a default policy and ordered rules.</summary>
public sealed record NetworkFirewallConfig
{
    [JsonPropertyName("enabled")]
    [Default(false)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("defaultPolicy")]
    [Enum("ACCEPT", "DROP", "REJECT")]
    [Default("ACCEPT")]
    public string? DefaultPolicy { get; init; }

    [JsonPropertyName("rules")]
    [MaxItems(100)]
    public IReadOnlyList<NetworkFirewallRule>? Rules { get; init; }
}
