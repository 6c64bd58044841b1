using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 Event: a report of something that happened to an object (what kubectl get events and describe show).</summary>
public sealed record Event : IKubernetesObject
{
    public const string KindName = "Event";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    /// <summary>The object the event is about.</summary>
    [JsonPropertyName("involvedObject")]
    public required ObjectReference InvolvedObject { get; init; }

    /// <summary>A short, machine-understandable CamelCase reason, e.g. FailedCreate.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>A human-readable description.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The component (and host) that reported the event.</summary>
    [JsonPropertyName("source")]
    public EventSource? Source { get; init; }

    /// <summary>When the event was first recorded.</summary>
    [JsonPropertyName("firstTimestamp")]
    public DateTimeOffset? FirstTimestamp { get; init; }

    /// <summary>When the event most recently occurred.</summary>
    [JsonPropertyName("lastTimestamp")]
    public DateTimeOffset? LastTimestamp { get; init; }

    /// <summary>How many times the event occurred (repeats are aggregated into one object).</summary>
    [JsonPropertyName("count")]
    public int? Count { get; init; }

    /// <summary>Normal or Warning.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>When the event was first observed (MicroTime).</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    [JsonPropertyName("eventTime")]
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Data about a series of recurring events.</summary>
    [JsonPropertyName("series")]
    public EventSeries? Series { get; init; }

    /// <summary>What action was taken or failed, e.g. Create.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; init; }

    /// <summary>A second object involved, if any.</summary>
    [JsonPropertyName("related")]
    public ObjectReference? Related { get; init; }

    /// <summary>The controller that emitted the event, e.g. virtrigaud.io/vm-controller.</summary>
    [JsonPropertyName("reportingComponent")]
    public string? ReportingComponent { get; init; }

    /// <summary>The controller instance, e.g. its pod name.</summary>
    [JsonPropertyName("reportingInstance")]
    public string? ReportingInstance { get; init; }
}
