using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry.Builtin.Events;

/// <summary>
/// events.k8s.io/v1 Event ↔ core/v1 Event, the form events are stored in (kube-apiserver stores both as one resource,
/// so an event written through either API is read through both). Field mapping (pkg/apis/events/v1 conversion):
/// <list type="table">
/// <listheader><term>events.k8s.io/v1</term><description>core/v1</description></listheader>
/// <item><term>regarding</term><description>involvedObject</description></item>
/// <item><term>note</term><description>message</description></item>
/// <item><term>reportingController</term><description>reportingComponent</description></item>
/// <item><term>deprecatedSource</term><description>source</description></item>
/// <item><term>deprecatedFirstTimestamp / deprecatedLastTimestamp</term><description>firstTimestamp / lastTimestamp</description></item>
/// <item><term>deprecatedCount</term><description>count</description></item>
/// <item><term>eventTime, series, reportingInstance, action, reason, related, type</term><description>the same</description></item>
/// </list>
/// Both directions end in the target type's canonical form (<see cref="GoJson"/>). Pure; never mutates its argument.
/// </summary>
internal sealed class EventConversion : IStorageConversion
{
    private static readonly (string Events, string Core)[] Renamed =
    [
        ("eventTime", "eventTime"),
        ("series", "series"),
        ("reportingController", "reportingComponent"),
        ("reportingInstance", "reportingInstance"),
        ("action", "action"),
        ("reason", "reason"),
        ("regarding", "involvedObject"),
        ("related", "related"),
        ("note", "message"),
        ("type", "type"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    public static EventConversion Instance { get; } = new();

    /// <inheritdoc />
    public JsonObject FromStorage(JsonObject stored)
    {
        var result = new JsonObject { ["apiVersion"] = "events.k8s.io/v1", ["kind"] = "Event", ["metadata"] = stored["metadata"]?.DeepClone() };
        foreach (var (events, core) in Renamed)
        {
            if (stored[core] is { } value)
            {
                result[events] = value.DeepClone();
            }
        }

        return GoJson.RoundTrip(result, EventTypes.EventsEvent, []);
    }

    /// <inheritdoc />
    public JsonObject ToStorage(JsonObject obj)
    {
        var result = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Event", ["metadata"] = obj["metadata"]?.DeepClone() };
        foreach (var (events, core) in Renamed)
        {
            if (obj[events] is { } value)
            {
                result[core] = value.DeepClone();
            }
        }

        return GoJson.RoundTrip(result, EventTypes.CoreEvent, []);
    }
}
