using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin.Events;

/// <summary>
/// events.k8s.io/v1 Event: the strict rules of <see cref="EventValidation"/>, checked on the stored (core/v1) form the
/// object converts to, as kube-apiserver validates the internal type.
/// </summary>
internal sealed class EventsEventStrategy() : BuiltinStrategy(EventTypes.EventsEvent)
{
    /// <inheritdoc />
    protected override FieldErrorList ValidateObject(JsonObject obj, ObjectMeta meta) =>
        EventValidation.ValidateCreate(EventConversion.Instance.ToStorage(obj), meta, eventsApi: true);

    /// <inheritdoc />
    protected override FieldErrorList ValidateObjectUpdate(JsonObject obj, ObjectMeta meta, JsonObject old, ObjectMeta oldMeta) =>
        EventValidation.ValidateUpdate(EventConversion.Instance.ToStorage(obj), meta, EventConversion.Instance.ToStorage(old), eventsApi: true);
}
