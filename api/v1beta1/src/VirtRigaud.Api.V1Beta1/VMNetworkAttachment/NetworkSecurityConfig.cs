using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Firewall, isolation and encryption of a network (declared upstream, never enforced there).</summary>
public sealed record NetworkSecurityConfig
{
    [JsonPropertyName("firewall")]
    public NetworkFirewallConfig? Firewall { get; init; }

    [JsonPropertyName("isolation")]
    public NetworkIsolationConfig? Isolation { get; init; }

    [JsonPropertyName("encryption")]
    public NetworkEncryptionConfig? Encryption { get; init; }
}
