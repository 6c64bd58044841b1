using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Allocation from an IP pool.</summary>
public sealed record IPPoolConfig
{
    [JsonPropertyName("poolRef")]
    public required LocalObjectReference PoolRef { get; init; }

    [JsonPropertyName("preferredIP")]
    [Pattern(Patterns.IPv4)]
    public string? PreferredIP { get; init; }
}
