using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Progress of an image import in flight.</summary>
public sealed record ImageImportProgress
{
    [JsonPropertyName("totalBytes")]
    public long? TotalBytes { get; init; }

    [JsonPropertyName("transferredBytes")]
    public long? TransferredBytes { get; init; }

    [JsonPropertyName("percentage")]
    [Minimum(0)]
    [Maximum(100)]
    public int? Percentage { get; init; }

    /// <summary>Bytes per second.</summary>
    [JsonPropertyName("transferRate")]
    public long? TransferRate { get; init; }

    /// <summary>The estimated time to completion.</summary>
    [JsonPropertyName("eta")]
    public Duration? Eta { get; init; }

    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; init; }
}
