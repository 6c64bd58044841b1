using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 Toleration: lets a pod be scheduled on (or stay on) nodes with a matching taint.</summary>
public sealed record Toleration
{
    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>; empty matches every effect.</summary>
    [JsonPropertyName("effect")]
    public string? Effect { get; init; }

    /// <summary>The taint key; empty with operator <c>Exists</c> matches every taint.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary><c>Equal</c> (the Kubernetes default) or <c>Exists</c>.</summary>
    [JsonPropertyName("operator")]
    public string? Operator { get; init; }

    /// <summary>For <c>NoExecute</c>: how long the pod stays bound after the taint appears; absent means forever.</summary>
    [JsonPropertyName("tolerationSeconds")]
    public long? TolerationSeconds { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
