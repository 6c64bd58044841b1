using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How far a clone has come.</summary>
public sealed record CloneProgress
{
    [JsonPropertyName("totalDisks")]
    public int? TotalDisks { get; init; }

    [JsonPropertyName("completedDisks")]
    public int? CompletedDisks { get; init; }

    [JsonPropertyName("currentDisk")]
    public DiskCloneProgress? CurrentDisk { get; init; }

    [JsonPropertyName("overallPercentage")]
    [Minimum(0)]
    [Maximum(100)]
    public int? OverallPercentage { get; init; }

    /// <summary>Estimated time to completion.</summary>
    [JsonPropertyName("eta")]
    public Duration? Eta { get; init; }
}
