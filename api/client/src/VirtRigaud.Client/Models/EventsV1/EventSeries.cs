using System.Text.Json.Serialization;
using VirtRigaud.Client.Serialization;

namespace VirtRigaud.Client.Models.EventsV1;

/// <summary>events.k8s.io/v1 EventSeries: count and last observation of a recurring event.</summary>
public sealed record EventSeries
{
    [JsonPropertyName("count")]
    public required int Count { get; init; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    [JsonPropertyName("lastObservedTime")]
    public required DateTimeOffset LastObservedTime { get; init; }
}
