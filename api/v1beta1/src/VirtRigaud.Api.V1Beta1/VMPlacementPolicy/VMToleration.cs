using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Lets a VM be placed on a host with a matching taint (core/v1 Toleration semantics).</summary>
public sealed record VMToleration
{
    /// <summary>The taint key; empty with <see cref="VMTolerationOperator.Exists"/> tolerates every taint.</summary>
    [JsonPropertyName("key")]
    [MaxLength(253)]
    public string? Key { get; init; }

    [JsonPropertyName("operator")]
    [Default("Equal")]
    public VMTolerationOperator? Operator { get; init; }

    [JsonPropertyName("value")]
    [MaxLength(253)]
    public string? Value { get; init; }

    /// <summary>The effect to match; empty matches every effect.</summary>
    [JsonPropertyName("effect")]
    public VMTaintEffect? Effect { get; init; }

    /// <summary>How long a <see cref="VMTaintEffect.NoExecute"/> taint is tolerated; absent = forever.</summary>
    [JsonPropertyName("tolerationSeconds")]
    [Minimum(0)]
    public long? TolerationSeconds { get; init; }
}
