using System.Text.Json.Serialization;
using VirtRigaud.Client.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 EventSeries: a recurring event.</summary>
public sealed record EventSeries
{
    [JsonPropertyName("count")]
    public int? Count { get; init; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    [JsonPropertyName("lastObservedTime")]
    public DateTimeOffset? LastObservedTime { get; init; }
}
