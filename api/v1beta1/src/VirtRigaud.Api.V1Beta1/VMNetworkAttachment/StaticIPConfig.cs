using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A static address, gateway and routes.</summary>
public sealed record StaticIPConfig
{
    /// <summary>The address with its prefix length, e.g. <c>192.168.10.20/24</c>.</summary>
    [JsonPropertyName("address")]
    [Pattern(Patterns.IPv4Cidr)]
    public required string Address { get; init; }

    [JsonPropertyName("gateway")]
    [Pattern(Patterns.IPv4)]
    public string? Gateway { get; init; }

    [JsonPropertyName("routes")]
    [MaxItems(20)]
    public IReadOnlyList<StaticRoute>? Routes { get; init; }
}
