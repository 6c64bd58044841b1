using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Retries of a failed <see cref="VMMigration"/>: attempt <c>n</c> waits
/// <c>retryDelay × backoffMultiplier^n</c>, capped at 30 minutes.
/// </summary>
public sealed record MigrationRetryPolicy
{
    [JsonPropertyName("maxRetries")]
    [Minimum(0)]
    [Maximum(10)]
    [Default(3)]
    public int? MaxRetries { get; init; }

    [JsonPropertyName("retryDelay")]
    [Default("5m")]
    public Duration? RetryDelay { get; init; }

    [JsonPropertyName("backoffMultiplier")]
    [Minimum(1)]
    [Maximum(10)]
    [Default(2)]
    public int? BackoffMultiplier { get; init; }
}
