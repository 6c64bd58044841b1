using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin.Events;

/// <summary>
/// kube-apiserver's event validation (pkg/apis/core/validation/events.go) on the stored (core/v1) form of an event,
/// for both APIs. Field paths are the ones kube-apiserver reports (core names, also for events.k8s.io, except
/// <c>reportingController</c>):
/// <list type="table">
/// <item><term>every event (legacy rules)</term><description>without <c>eventTime</c>: <c>involvedObject.namespace</c>
/// must be the event's namespace (or empty, for events in <c>default</c>); with <c>eventTime</c>: the involved object's
/// namespace may be empty only in <c>default</c> and <c>kube-system</c>, and <c>reportingComponent</c> (a qualified
/// name), <c>reportingInstance</c>, <c>action</c> and <c>reason</c> are required, each at most 128 characters, and the
/// message at most 1024; the namespace is a DNS subdomain</description></item>
/// <item><term>events.k8s.io/v1 create</term><description>also: metadata rules, <c>eventTime</c> required, <c>type</c>
/// Normal or Warning, a series of at least 2 with a last observed time, and the deprecated fields unset</description></item>
/// <item><term>events.k8s.io/v1 update</term><description>also: a changed series is checked, and what an event says
/// (involved object, reason, message, source, timestamps, count, type, event time, action, related, reporting
/// controller and instance) cannot change</description></item>
/// </list>
/// Core/v1 writes get only the legacy rules, for backward compatibility, as in kube-apiserver. Pure.
/// </summary>
internal static class EventValidation
{
    public const int ReportingInstanceLengthLimit = 128;
    public const int ActionLengthLimit = 128;
    public const int ReasonLengthLimit = 128;
    public const int NoteLengthLimit = 1024;

    /// <summary>The rules of a new event in its stored form; <paramref name="eventsApi"/> for events.k8s.io/v1.</summary>
    public static FieldErrorList ValidateCreate(JsonObject core, ObjectMeta meta, bool eventsApi)
    {
        var errors = Legacy(core, meta, eventsApi);
        if (!eventsApi)
        {
            return errors;
        }

        errors.AddRange(ObjectMetaValidation.ValidateObjectMeta(meta, namespaced: true, NameValidation.NameIsDnsSubdomain, FieldPath.NewPath("metadata")));
        errors.AddRange(Series(core));
        if (core["eventTime"] is null)
        {
            errors.Add(FieldError.Required(FieldPath.NewPath("eventTime")));
        }

        var type = Str(core, "type");
        if (type is not ("Normal" or "Warning"))
        {
            errors.Add(FieldError.Invalid(FieldPath.NewPath("type"), "", $"has invalid value: {type}"));
        }

        foreach (var field in (string[])["firstTimestamp", "lastTimestamp"])
        {
            if (core[field] is not null)
            {
                errors.Add(FieldError.Invalid(FieldPath.NewPath(field), "", "needs to be unset"));
            }
        }

        if (core["count"] is JsonValue count && count.GetValue<long>() != 0)
        {
            errors.Add(FieldError.Invalid(FieldPath.NewPath("count"), "", "needs to be unset"));
        }

        if (Str(core["source"], "component").Length > 0 || Str(core["source"], "host").Length > 0)
        {
            errors.Add(FieldError.Invalid(FieldPath.NewPath("source"), "", "needs to be unset"));
        }

        return errors;
    }

    /// <summary>The rules of an update in stored form; <paramref name="eventsApi"/> for events.k8s.io/v1.</summary>
    public static FieldErrorList ValidateUpdate(JsonObject core, ObjectMeta meta, JsonObject oldCore, bool eventsApi)
    {
        var errors = Legacy(core, meta, eventsApi);
        if (!eventsApi)
        {
            return errors;
        }

        if (!JsonNode.DeepEquals(core["series"], oldCore["series"]))
        {
            errors.AddRange(Series(core));
        }

        foreach (var (field, path) in (ReadOnlySpan<(string, string)>)
            [
                ("involvedObject", "involvedObject"), ("reason", "reason"), ("message", "message"), ("source", "source"),
                ("firstTimestamp", "firstTimestamp"), ("lastTimestamp", "lastTimestamp"), ("count", "count"), ("type", "type"),
                ("eventTime", "eventTime"), ("action", "action"), ("related", "related"),
                ("reportingComponent", "reportingController"), ("reportingInstance", "reportingInstance"),
            ])
        {
            if (!JsonNode.DeepEquals(core[field], oldCore[field]))
            {
                errors.Add(FieldError.Invalid(FieldPath.NewPath(path), core[field]?.DeepClone(), ValidationMessages.FieldImmutable));
            }
        }

        return errors;
    }

    private static FieldErrorList Legacy(JsonObject core, ObjectMeta meta, bool eventsApi)
    {
        var errors = new FieldErrorList();
        var ns = meta.Namespace ?? "";
        var involvedNamespace = Str(core["involvedObject"], "namespace");
        var involvedPath = FieldPath.NewPath("involvedObject", "namespace");
        if (core["eventTime"] is null)
        {
            // An old-style event: its namespace and its object's must agree.
            if (involvedNamespace.Length == 0 ? ns is not ("" or "default") : ns != involvedNamespace)
            {
                errors.Add(FieldError.Invalid(involvedPath, involvedNamespace, "does not match event.namespace"));
            }
        }
        else
        {
            if (involvedNamespace.Length == 0 && ns is not ("default" or "kube-system"))
            {
                errors.Add(FieldError.Invalid(involvedPath, involvedNamespace, "does not match event.namespace"));
            }

            var controllerPath = FieldPath.NewPath(eventsApi ? "reportingController" : "reportingComponent");
            var controller = Str(core, "reportingComponent");
            if (controller.Length == 0)
            {
                errors.Add(FieldError.Required(controllerPath));
            }

            errors.AddRange(NameValidation.IsQualifiedName(controller).Select(m => FieldError.Invalid(controllerPath, controller, m)));
            RequiredAndShort(core, "reportingInstance", ReportingInstanceLengthLimit, errors);
            RequiredAndShort(core, "action", ActionLengthLimit, errors);
            RequiredAndShort(core, "reason", ReasonLengthLimit, errors);
            if (Encoding.UTF8.GetByteCount(Str(core, "message")) > NoteLengthLimit)
            {
                errors.Add(FieldError.Invalid(FieldPath.NewPath("message"), "", AtMost(NoteLengthLimit)));
            }
        }

        errors.AddRange(NameValidation.IsDns1123Subdomain(ns).Select(m => FieldError.Invalid(FieldPath.NewPath("namespace"), ns, m)));
        return errors;
    }

    private static FieldErrorList Series(JsonObject core)
    {
        var errors = new FieldErrorList();
        if (core["series"] is JsonObject series)
        {
            if (series["count"] is not JsonValue count || count.GetValue<long>() < 2)
            {
                errors.Add(FieldError.Invalid(FieldPath.NewPath("series.count"), "", "should be at least 2"));
            }

            if (series["lastObservedTime"] is null)
            {
                errors.Add(FieldError.Required(FieldPath.NewPath("series.lastObservedTime")));
            }
        }

        return errors;
    }

    private static void RequiredAndShort(JsonObject core, string field, int limit, FieldErrorList errors)
    {
        var value = Str(core, field);
        if (value.Length == 0)
        {
            errors.Add(FieldError.Required(FieldPath.NewPath(field)));
        }

        if (Encoding.UTF8.GetByteCount(value) > limit)
        {
            errors.Add(FieldError.Invalid(FieldPath.NewPath(field), "", AtMost(limit)));
        }
    }

    private static string AtMost(int limit) => string.Create(CultureInfo.InvariantCulture, $"can have at most {limit} characters");

    private static string Str(JsonNode? obj, string field) =>
        obj?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}
