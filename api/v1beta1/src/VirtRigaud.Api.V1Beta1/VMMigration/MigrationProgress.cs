using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Transfer progress of a <see cref="VMMigration"/>.</summary>
public sealed record MigrationProgress
{
    [JsonPropertyName("currentPhase")]
    public MigrationPhase? CurrentPhase { get; init; }

    [JsonPropertyName("totalBytes")]
    public long? TotalBytes { get; init; }

    [JsonPropertyName("transferredBytes")]
    public long? TransferredBytes { get; init; }

    [JsonPropertyName("percentage")]
    [Minimum(0)]
    [Maximum(100)]
    public int? Percentage { get; init; }

    /// <summary>Estimated time left.</summary>
    [JsonPropertyName("eta")]
    public Duration? Eta { get; init; }

    /// <summary>Bytes per second.</summary>
    [JsonPropertyName("transferRate")]
    public long? TransferRate { get; init; }

    [JsonPropertyName("phaseStartTime")]
    public DateTimeOffset? PhaseStartTime { get; init; }
}
