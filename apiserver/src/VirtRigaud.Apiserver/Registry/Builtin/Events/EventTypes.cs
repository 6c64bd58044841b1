using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.Registry.Builtin.Events;

/// <summary>
/// The Go types of core/v1 Event and events.k8s.io/v1 Event (k8s.io/api), field by field in declaration order. The
/// two are representations of one stored object (see <see cref="EventConversion"/>).
/// </summary>
internal static class EventTypes
{
    public const string CoreDefinitionName = "io.k8s.api.core.v1.Event";
    public const string CoreListDefinitionName = "io.k8s.api.core.v1.EventList";
    public const string EventsDefinitionName = "io.k8s.api.events.v1.Event";
    public const string EventsListDefinitionName = "io.k8s.api.events.v1.EventList";

    public static GoStructType ObjectReference { get; } = new()
    {
        Name = "ObjectReference",
        DefinitionName = "io.k8s.api.core.v1.ObjectReference",
        Description = "ObjectReference contains enough information to let you inspect or modify the referred object.",
        Fields =
        [
            new("kind", 1, GoScalarType.String, "Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"),
            new("namespace", 2, GoScalarType.String, "Namespace of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"),
            new("name", 3, GoScalarType.String, "Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names"),
            new("uid", 4, GoScalarType.String, "UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids"),
            new("apiVersion", 5, GoScalarType.String, "API version of the referent."),
            new("resourceVersion", 6, GoScalarType.String, "Specific resourceVersion to which this reference is made, if any. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency"),
            new("fieldPath", 7, GoScalarType.String, "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
        ],
    };

    public static GoStructType EventSource { get; } = new()
    {
        Name = "EventSource",
        DefinitionName = "io.k8s.api.core.v1.EventSource",
        Description = "EventSource contains information for an event.",
        Fields =
        [
            new("component", 1, GoScalarType.String, "Component from which the event is generated."),
            new("host", 2, GoScalarType.String, "Node name on which the event is generated."),
        ],
    };

    public static GoStructType CoreEventSeries { get; } = new()
    {
        Name = "EventSeries",
        DefinitionName = "io.k8s.api.core.v1.EventSeries",
        Description = "EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.",
        Fields =
        [
            new("count", 1, GoScalarType.Int32, "Number of occurrences in this series up to the last heartbeat time"),
            new("lastObservedTime", 2, GoScalarType.MicroTime, "Time of the last occurrence observed"),
        ],
    };

    public static GoStructType CoreEvent { get; } = new()
    {
        Name = "Event",
        DefinitionName = CoreDefinitionName,
        Kind = new GroupVersionKind("", "v1", "Event"),
        Description = "Event is a report of an event somewhere in the cluster. Events have a limited retention time and triggers and messages may evolve with time. Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.",
        Fields =
        [
            new("metadata", 1, GoObjectMetaType.Instance, "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata") { OmitEmpty = false, Required = true },
            new("involvedObject", 2, ObjectReference, "The object that this event is about.") { OmitEmpty = false, Required = true },
            new("reason", 3, GoScalarType.String, "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
            new("message", 4, GoScalarType.String, "A human-readable description of the status of this operation."),
            new("source", 5, EventSource, "The component reporting this event. Should be a short machine understandable string."),
            new("firstTimestamp", 6, GoScalarType.Time, "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
            new("lastTimestamp", 7, GoScalarType.Time, "The time at which the most recent occurrence of this event was recorded."),
            new("count", 8, GoScalarType.Int32, "The number of times this event has occurred."),
            new("type", 9, GoScalarType.String, "Type of this event (Normal, Warning), new types could be added in the future"),
            new("eventTime", 10, GoScalarType.MicroTime, "Time when this Event was first observed."),
            new("series", 11, CoreEventSeries, "Data about the Event series this event represents or nil if it's a singleton Event.") { Pointer = true },
            new("action", 12, GoScalarType.String, "What action was taken/failed regarding to the Regarding object."),
            new("related", 13, ObjectReference, "Optional secondary object for more complex actions.") { Pointer = true },
            new("reportingComponent", 14, GoScalarType.String, "Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.") { OmitEmpty = false },
            new("reportingInstance", 15, GoScalarType.String, "ID of the controller instance, e.g. `kubelet-xyzf`.") { OmitEmpty = false },
        ],
    };

    public static GoStructType EventsEventSeries { get; } = new()
    {
        Name = "EventSeries",
        DefinitionName = "io.k8s.api.events.v1.EventSeries",
        Description = "EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time. How often to update the EventSeries is up to the event reporters.",
        Fields =
        [
            new("count", 1, GoScalarType.Int32, "count is the number of occurrences in this series up to the last heartbeat time.") { OmitEmpty = false, Required = true },
            new("lastObservedTime", 2, GoScalarType.MicroTime, "lastObservedTime is the time when last Event from the series was seen before last heartbeat.") { OmitEmpty = false, Required = true },
        ],
    };

    public static GoStructType EventsEvent { get; } = new()
    {
        Name = "Event",
        DefinitionName = EventsDefinitionName,
        Kind = new GroupVersionKind("events.k8s.io", "v1", "Event"),
        Description = "Event is a report of an event somewhere in the cluster. It generally denotes some state change in the system. Events have a limited retention time and triggers and messages may evolve with time. Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason. Events should be treated as informative, best-effort, supplemental data.",
        Fields =
        [
            new("metadata", 1, GoObjectMetaType.Instance, "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata") { OmitEmpty = false },
            new("eventTime", 2, GoScalarType.MicroTime, "eventTime is the time when this Event was first observed. It is required.") { OmitEmpty = false, Required = true },
            new("series", 3, EventsEventSeries, "series is data about the Event series this event represents or nil if it's a singleton Event.") { Pointer = true },
            new("reportingController", 4, GoScalarType.String, "reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`. This field cannot be empty for new Events."),
            new("reportingInstance", 5, GoScalarType.String, "reportingInstance is the ID of the controller instance, e.g. `kubelet-xyzf`. This field cannot be empty for new Events and it can have at most 128 characters."),
            new("action", 6, GoScalarType.String, "action is what action was taken/failed regarding to the regarding object. It is machine-readable. This field cannot be empty for new Events and it can have at most 128 characters."),
            new("reason", 7, GoScalarType.String, "reason is why the action was taken. It is human-readable. This field cannot be empty for new Events and it can have at most 128 characters."),
            new("regarding", 8, ObjectReference, "regarding contains the object this Event is about. In most cases it's an Object reporting controller implements, e.g. ReplicaSetController implements ReplicaSets and this event is emitted because it acts on some changes in a ReplicaSet object."),
            new("related", 9, ObjectReference, "related is the optional secondary object for more complex actions. E.g. when regarding object triggers a creation or deletion of related object.") { Pointer = true },
            new("note", 10, GoScalarType.String, "note is a human-readable description of the status of this operation. Maximal length of the note is 1kB, but libraries should be prepared to handle values up to 64kB."),
            new("type", 11, GoScalarType.String, "type is the type of this event (Normal, Warning), new types could be added in the future. It is machine-readable. This field cannot be empty for new Events."),
            new("deprecatedSource", 12, EventSource, "deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type."),
            new("deprecatedFirstTimestamp", 13, GoScalarType.Time, "deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."),
            new("deprecatedLastTimestamp", 14, GoScalarType.Time, "deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."),
            new("deprecatedCount", 15, GoScalarType.Int32, "deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type."),
        ],
    };
}
