using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A static route.</summary>
public sealed record StaticRoute
{
    [JsonPropertyName("destination")]
    [Pattern(Patterns.IPv4Cidr)]
    public required string Destination { get; init; }

    [JsonPropertyName("gateway")]
    [Pattern(Patterns.IPv4)]
    public required string Gateway { get; init; }

    [JsonPropertyName("metric")]
    [Minimum(0)]
    [Maximum(65535)]
    public int? Metric { get; init; }
}
