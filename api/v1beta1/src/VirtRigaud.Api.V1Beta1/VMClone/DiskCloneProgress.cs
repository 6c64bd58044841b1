using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Progress of the disk being copied.</summary>
public sealed record DiskCloneProgress
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("totalBytes")]
    public long? TotalBytes { get; init; }

    [JsonPropertyName("completedBytes")]
    public long? CompletedBytes { get; init; }

    [JsonPropertyName("percentage")]
    [Minimum(0)]
    [Maximum(100)]
    public int? Percentage { get; init; }

    /// <summary>Bytes per second.</summary>
    [JsonPropertyName("transferRate")]
    public long? TransferRate { get; init; }
}
