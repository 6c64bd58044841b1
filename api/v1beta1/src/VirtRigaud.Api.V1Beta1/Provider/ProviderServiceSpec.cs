using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The gRPC Service in front of the provider pods.</summary>
public sealed record ProviderServiceSpec
{
    [JsonPropertyName("port")]
    [Minimum(1024)]
    [Maximum(65535)]
    [Default(9443)]
    public int? Port { get; init; }

    /// <summary>
    /// Manager-to-provider mTLS. The manager refuses to deploy a Provider without this block (it must decide
    /// explicitly: a Secret, or <c>enabled: false</c>).
    /// </summary>
    [JsonPropertyName("tls")]
    public ProviderTlsSpec? Tls { get; init; }
}
