using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// contracts.ResourceLimits inside ClassPayload: *int32 fields, null when unset. Go field names, every field always
/// written (no json tags upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record ResourceLimitsPayload
{
    [JsonPropertyName("CPULimit")]
    public int? CpuLimit { get; init; }

    [JsonPropertyName("CPUReservation")]
    public int? CpuReservation { get; init; }

    [JsonPropertyName("MemoryLimitMiB")]
    public int? MemoryLimitMiB { get; init; }

    [JsonPropertyName("MemoryReservationMiB")]
    public int? MemoryReservationMiB { get; init; }

    [JsonPropertyName("CPUShares")]
    public int? CpuShares { get; init; }
}
