using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Encryption of traffic on a network.</summary>
public sealed record NetworkEncryptionConfig
{
    [JsonPropertyName("enabled")]
    [Default(false)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("protocol")]
    [Enum("ipsec", "wireguard", "openvpn")]
    public string? Protocol { get; init; }

    /// <summary>A Secret holding the keys.</summary>
    [JsonPropertyName("keyRef")]
    public LocalObjectReference? KeyRef { get; init; }
}
