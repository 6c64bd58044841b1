using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Quality of service on a network; limits in bits per second.</summary>
public sealed record NetworkQoSConfig
{
    [JsonPropertyName("ingressLimit")]
    [Minimum(1000)]
    public long? IngressLimit { get; init; }

    [JsonPropertyName("egressLimit")]
    [Minimum(1000)]
    public long? EgressLimit { get; init; }

    /// <summary>802.1p priority.</summary>
    [JsonPropertyName("priority")]
    [Minimum(0)]
    [Maximum(7)]
    public int? Priority { get; init; }

    [JsonPropertyName("dscp")]
    [Minimum(0)]
    [Maximum(63)]
    public int? Dscp { get; init; }
}
