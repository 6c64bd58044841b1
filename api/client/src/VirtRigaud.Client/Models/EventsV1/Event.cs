using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Serialization;

namespace VirtRigaud.Client.Models.EventsV1;

/// <summary>events.k8s.io/v1 Event: the structured successor of core/v1 Event (regarding/note/reportingController).</summary>
public sealed record Event : IKubernetesObject
{
    public const string KindName = "Event";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "events.k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    /// <summary>When the event was first observed (required).</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    [JsonPropertyName("eventTime")]
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>Data about a series of recurring events.</summary>
    [JsonPropertyName("series")]
    public EventSeries? Series { get; init; }

    /// <summary>The controller that emitted the event, e.g. virtrigaud.io/vm-controller (required on create).</summary>
    [JsonPropertyName("reportingController")]
    public string? ReportingController { get; init; }

    /// <summary>The controller instance (required on create).</summary>
    [JsonPropertyName("reportingInstance")]
    public string? ReportingInstance { get; init; }

    /// <summary>What action was taken or failed.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; init; }

    /// <summary>Why the action was taken (CamelCase).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>The object the event is about.</summary>
    [JsonPropertyName("regarding")]
    public ObjectReference? Regarding { get; init; }

    /// <summary>A second object involved.</summary>
    [JsonPropertyName("related")]
    public ObjectReference? Related { get; init; }

    /// <summary>A human-readable description (at most 1 KiB).</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    /// <summary>Normal or Warning.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("deprecatedSource")]
    public EventSource? DeprecatedSource { get; init; }

    [JsonPropertyName("deprecatedFirstTimestamp")]
    public DateTimeOffset? DeprecatedFirstTimestamp { get; init; }

    [JsonPropertyName("deprecatedLastTimestamp")]
    public DateTimeOffset? DeprecatedLastTimestamp { get; init; }

    [JsonPropertyName("deprecatedCount")]
    public int? DeprecatedCount { get; init; }
}
