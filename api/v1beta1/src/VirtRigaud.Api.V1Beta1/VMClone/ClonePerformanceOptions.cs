using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How hard the clone may load the hypervisor and storage.</summary>
public sealed record ClonePerformanceOptions
{
    [JsonPropertyName("priority")]
    [Enum("Low", "Normal", "High")]
    [Default("Normal")]
    public string? Priority { get; init; }

    [JsonPropertyName("ioThrottling")]
    [Default(false)]
    public bool? IoThrottling { get; init; }

    [JsonPropertyName("maxIOPS")]
    [Minimum(100)]
    [Maximum(100000)]
    public int? MaxIops { get; init; }

    [JsonPropertyName("concurrentDisks")]
    [Default(2)]
    [Minimum(1)]
    [Maximum(10)]
    public int? ConcurrentDisks { get; init; }
}
