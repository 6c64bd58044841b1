using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Rate limit for calls to the hypervisor API (declared upstream, not applied). Upstream's Go type is <c>int</c>
/// (64-bit, no <c>format</c> in the CRD); <c>long</c> keeps that width.
/// </summary>
public sealed record ProviderRateLimit
{
    [JsonPropertyName("qps")]
    [Minimum(1)]
    [Maximum(1000)]
    [Default(10)]
    [Format("")]
    public long? Qps { get; init; }

    [JsonPropertyName("burst")]
    [Minimum(1)]
    [Maximum(2000)]
    [Default(20)]
    [Format("")]
    public long? Burst { get; init; }
}
