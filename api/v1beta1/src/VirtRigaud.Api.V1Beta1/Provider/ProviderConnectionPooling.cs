using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Connection pool towards the hypervisor API (declared upstream, not applied).</summary>
public sealed record ProviderConnectionPooling
{
    [JsonPropertyName("maxConnections")]
    [Minimum(1)]
    [Maximum(100)]
    [Default(10)]
    public int? MaxConnections { get; init; }

    [JsonPropertyName("maxIdleConnections")]
    [Minimum(1)]
    [Default(5)]
    public int? MaxIdleConnections { get; init; }

    [JsonPropertyName("connectionTimeout")]
    [Default("30s")]
    public Duration? ConnectionTimeout { get; init; }

    [JsonPropertyName("idleTimeout")]
    [Default("5m")]
    public Duration? IdleTimeout { get; init; }
}
