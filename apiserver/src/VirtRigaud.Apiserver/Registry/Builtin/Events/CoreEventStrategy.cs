using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin.Events;

/// <summary>
/// core/v1 Event, as kube-apiserver's event strategy: only the legacy rules of <see cref="EventValidation"/> (old
/// clients must keep working), then, on create, the common metadata rules with kube-apiserver's permissive name rule
/// for events (a path segment: no <c>/</c> or <c>%</c>, not <c>.</c> or <c>..</c>).
/// </summary>
internal sealed class CoreEventStrategy() : BuiltinStrategy(EventTypes.CoreEvent)
{
    /// <inheritdoc />
    protected override FieldErrorList ValidateObject(JsonObject obj, ObjectMeta meta)
    {
        var errors = EventValidation.ValidateCreate(obj, meta, eventsApi: false);
        if (errors.Count == 0)
        {
            // rest.BeforeCreate: the common metadata rules run once the type's own rules passed.
            errors.AddRange(ObjectMetaValidation.ValidateObjectMeta(meta, namespaced: true, NameValidation.ValidatePathSegmentName, FieldPath.NewPath("metadata")));
        }

        return errors;
    }

    /// <inheritdoc />
    protected override FieldErrorList ValidateObjectUpdate(JsonObject obj, ObjectMeta meta, JsonObject old, ObjectMeta oldMeta) =>
        EventValidation.ValidateUpdate(obj, meta, old, eventsApi: false);
}
