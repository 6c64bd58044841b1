using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How to perform the clone.</summary>
public sealed record CloneOptions
{
    [JsonPropertyName("type")]
    [Default("FullClone")]
    public CloneType? Type { get; init; }

    [JsonPropertyName("powerOn")]
    [Default(false)]
    public bool? PowerOn { get; init; }

    [JsonPropertyName("includeSnapshots")]
    [Default(false)]
    public bool? IncludeSnapshots { get; init; }

    /// <summary>Clone disks in parallel where the provider can.</summary>
    [JsonPropertyName("parallel")]
    [Default(false)]
    public bool? Parallel { get; init; }

    /// <summary>How long the whole clone may take.</summary>
    [JsonPropertyName("timeout")]
    [Default("30m")]
    public Duration? Timeout { get; init; }

    [JsonPropertyName("retryPolicy")]
    public CloneRetryPolicy? RetryPolicy { get; init; }

    [JsonPropertyName("storage")]
    public CloneStorageOptions? Storage { get; init; }

    [JsonPropertyName("performance")]
    public ClonePerformanceOptions? Performance { get; init; }
}
