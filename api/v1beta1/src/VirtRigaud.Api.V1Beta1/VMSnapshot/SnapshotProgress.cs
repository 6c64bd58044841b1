using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Progress of a snapshot being created.</summary>
public sealed record SnapshotProgress
{
    [JsonPropertyName("totalBytes")]
    public long? TotalBytes { get; init; }

    [JsonPropertyName("completedBytes")]
    public long? CompletedBytes { get; init; }

    [JsonPropertyName("percentage")]
    [Minimum(0)]
    [Maximum(100)]
    public int? Percentage { get; init; }

    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Estimated time left.</summary>
    [JsonPropertyName("eta")]
    public Duration? Eta { get; init; }
}
