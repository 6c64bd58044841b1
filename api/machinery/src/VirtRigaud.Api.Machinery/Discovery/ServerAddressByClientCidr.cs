using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>Which server address a client in a CIDR should use.</summary>
public sealed record ServerAddressByClientCidr
{
    [JsonPropertyName("clientCIDR")]
    public required string ClientCidr { get; init; }

    [JsonPropertyName("serverAddress")]
    public required string ServerAddress { get; init; }
}
