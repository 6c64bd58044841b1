using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Network counters of a hypervisor.</summary>
public sealed record NetworkUsageStats
{
    [JsonPropertyName("bytesReceived")]
    public long? BytesReceived { get; init; }

    [JsonPropertyName("bytesSent")]
    public long? BytesSent { get; init; }

    [JsonPropertyName("packetsReceived")]
    public long? PacketsReceived { get; init; }

    [JsonPropertyName("packetsSent")]
    public long? PacketsSent { get; init; }
}
