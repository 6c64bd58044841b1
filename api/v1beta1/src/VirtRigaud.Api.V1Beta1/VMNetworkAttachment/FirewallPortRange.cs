using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A port or an inclusive port range; without <see cref="End"/> it is the single port <see cref="Start"/>.</summary>
public sealed record FirewallPortRange
{
    [JsonPropertyName("start")]
    [Minimum(1)]
    [Maximum(65535)]
    public required int Start { get; init; }

    [JsonPropertyName("end")]
    [Minimum(1)]
    [Maximum(65535)]
    public int? End { get; init; }
}
