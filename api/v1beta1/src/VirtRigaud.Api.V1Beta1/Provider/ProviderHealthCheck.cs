using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Health checking of the provider (declared upstream, not applied).</summary>
public sealed record ProviderHealthCheck
{
    [JsonPropertyName("enabled")]
    [Default(true)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("interval")]
    [Default("30s")]
    public Duration? Interval { get; init; }

    [JsonPropertyName("timeout")]
    [Default("10s")]
    public Duration? Timeout { get; init; }

    [JsonPropertyName("failureThreshold")]
    [Minimum(1)]
    [Maximum(10)]
    [Default(3)]
    public int? FailureThreshold { get; init; }

    [JsonPropertyName("successThreshold")]
    [Minimum(1)]
    [Maximum(10)]
    [Default(1)]
    public int? SuccessThreshold { get; init; }
}
