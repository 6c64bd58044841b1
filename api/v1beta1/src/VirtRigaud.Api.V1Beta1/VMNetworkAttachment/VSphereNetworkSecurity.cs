using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The security policy of a vSphere port group.</summary>
public sealed record VSphereNetworkSecurity
{
    [JsonPropertyName("allowPromiscuous")]
    [Default(false)]
    public bool? AllowPromiscuous { get; init; }

    [JsonPropertyName("allowMACChanges")]
    [Default(true)]
    public bool? AllowMACChanges { get; init; }

    [JsonPropertyName("allowForgedTransmits")]
    [Default(true)]
    public bool? AllowForgedTransmits { get; init; }
}
