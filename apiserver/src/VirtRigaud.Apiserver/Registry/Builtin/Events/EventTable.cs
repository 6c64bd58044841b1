using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry.Builtin.Events;

/// <summary>
/// kube-apiserver's Table of events (pkg/printers/internalversion <c>printEvent</c>), the same for both event APIs:
/// Last Seen, Type, Reason, Object, Message, and with <c>-o wide</c> Subobject, Source, First Seen, Count and Name.
/// The last seen time is the series' last observation, else <c>lastTimestamp</c>, else the first seen time, which is
/// <c>firstTimestamp</c> or else <c>eventTime</c>; the count is the series' count, else <c>count</c>, else 1. Pure.
/// </summary>
internal static class EventTable
{
    /// <summary>The columns for events in core/v1 form (<paramref name="eventsApi"/> false) or events.k8s.io/v1 form.</summary>
    public static IReadOnlyList<TableColumn> Columns(bool eventsApi)
    {
        var names = eventsApi ? EventsNames : CoreNames;
        return
        [
            Column("Last Seen", 0, "The time at which the most recent occurrence of this event was recorded.", (e, now) => LastSeen(e, names, now)),
            Column("Type", 0, "Type of this event (Normal, Warning), new types could be added in the future", (e, _) => Str(e, "type")),
            Column("Reason", 0, "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", (e, _) => Str(e, "reason")),
            Column("Object", 0, "The object that this event is about.", (e, _) => Target(e[names.Regarding])),
            Column("Subobject", 1, "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", (e, _) => Str(e[names.Regarding], "fieldPath")),
            Column("Source", 1, "The component reporting this event. Should be a short machine understandable string.", (e, _) => Source(e, names)),
            Column("Message", 0, "A human-readable description of the status of this operation.", (e, _) => Str(e, names.Message).Trim()),
            Column("First Seen", 1, "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", (e, now) => FirstSeen(e, names, now)),
            new TableColumn
            {
                Name = "Count",
                Type = "string",
                Priority = 1,
                Description = "The number of times this event has occurred.",
                Cell = (e, _) => JsonValue.Create(Count(e, names)),
            },
            new TableColumn
            {
                Name = "Name",
                Type = "string",
                Format = "name",
                Priority = 1,
                Description = TableColumns.NameDescription,
                Cell = (e, _) => JsonValue.Create(TableColumns.MetaString(e, "name") ?? ""),
            },
        ];
    }

    private static FieldNames CoreNames { get; } = new("involvedObject", "message", "source", "firstTimestamp", "lastTimestamp", "count", "reportingComponent");

    private static FieldNames EventsNames { get; } = new("regarding", "note", "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount", "reportingController");

    private static TableColumn Column(string name, int priority, string description, Func<JsonNode, DateTimeOffset, string> cell) => new()
    {
        Name = name,
        Type = "string",
        Priority = priority,
        Description = description,
        Cell = (obj, now) => JsonValue.Create(cell(obj, now)),
    };

    private static string FirstSeen(JsonNode e, FieldNames names, DateTimeOffset now) =>
        e[names.FirstTimestamp] is null ? TableColumns.Since(Str(e, "eventTime"), now) : TableColumns.Since(Str(e, names.FirstTimestamp), now);

    private static string LastSeen(JsonNode e, FieldNames names, DateTimeOffset now)
    {
        if (e["series"] is JsonObject series)
        {
            return TableColumns.Since(Str(series, "lastObservedTime"), now);
        }

        return e[names.LastTimestamp] is null ? FirstSeen(e, names, now) : TableColumns.Since(Str(e, names.LastTimestamp), now);
    }

    private static long Count(JsonNode e, FieldNames names)
    {
        if (e["series"] is JsonObject series)
        {
            return Int(series, "count");
        }

        // Singleton events of the new API have no count.
        var count = Int(e, names.Count);
        return count == 0 ? 1 : count;
    }

    /// <summary><c>kind/name</c> in lower case, or the kind alone for an unnamed object.</summary>
    private static string Target(JsonNode? reference)
    {
        var kind = Str(reference, "kind").ToLowerInvariant();
        var name = Str(reference, "name");
        return name.Length > 0 ? kind + "/" + name : kind;
    }

    /// <summary>The source component (or reporting controller), then <c>, </c> and the host (or reporting instance) when there is one.</summary>
    private static string Source(JsonNode e, FieldNames names)
    {
        var component = Str(e[names.Source], "component");
        var host = Str(e[names.Source], "host");
        component = component.Length > 0 ? component : Str(e, names.ReportingController);
        host = host.Length > 0 ? host : Str(e, "reportingInstance");
        return host.Length == 0 ? component : component + ", " + host;
    }

    private static string Str(JsonNode? obj, string field) =>
        obj?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    private static long Int(JsonNode? obj, string field) =>
        obj?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : 0;

    private sealed record FieldNames(string Regarding, string Message, string Source, string FirstTimestamp, string LastTimestamp, string Count, string ReportingController);
}
