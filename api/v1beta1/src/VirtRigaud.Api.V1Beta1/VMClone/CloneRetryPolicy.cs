using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Retries of a failed clone: delay n is <c>retryDelay × backoffMultiplier^(n-1)</c>.</summary>
public sealed record CloneRetryPolicy
{
    [JsonPropertyName("maxRetries")]
    [Default(3)]
    [Minimum(0)]
    [Maximum(10)]
    public int? MaxRetries { get; init; }

    [JsonPropertyName("retryDelay")]
    [Default("5m")]
    public Duration? RetryDelay { get; init; }

    [JsonPropertyName("backoffMultiplier")]
    [Default(2)]
    public int? BackoffMultiplier { get; init; }
}
