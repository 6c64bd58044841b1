using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The strategy of a kind's main resource, as apiextensions-apiserver treats a CRD with a structural schema and the
/// status subresource: the status is owned by <c>/status</c>, generation counts changes to everything but metadata
/// and status, and validation is the schema, then the kind's cross-field rules, then the metadata rules.
/// </summary>
public class KindStrategy(KindInfo kind) : IResourceStrategy
{
    public KindInfo Kind { get; } = kind;

    /// <inheritdoc />
    public virtual void Default(JsonObject obj, ICollection<string> unknownFields, ICollection<string> warnings)
    {
        var fixupWarnings = new List<string>();
        CompatibilityFixups.Apply(Kind, obj, fixupWarnings);
        foreach (var w in fixupWarnings)
        {
            warnings.Add(w);
        }

        StructuralDefaulter.Apply(obj, Kind.Schema, unknownFields);
    }

    /// <inheritdoc />
    public virtual void PrepareForCreate(JsonObject obj)
    {
        obj.Remove("status");
        ObjectJson.SetGeneration(obj, 1);
    }

    /// <inheritdoc />
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        // The main resource cannot change the status: keep the stored one.
        if (old["status"] is { } status)
        {
            obj["status"] = status.DeepClone();
        }
        else
        {
            obj.Remove("status");
        }

        var generation = ObjectJson.Generation(old);
        ObjectJson.SetGeneration(obj, DesiredStateChanged(obj, old) ? generation + 1 : generation);
    }

    /// <inheritdoc />
    public virtual FieldErrorList Validate(JsonObject obj, ICollection<string> warnings)
    {
        var errors = new FieldErrorList();
        StructuralValidator.Validate(obj, Kind.Schema, null, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        IKubernetesObject typed;
        try
        {
            typed = (IKubernetesObject)obj.Deserialize(Kind.TypeInfo)!;
        }
        catch (JsonException e)
        {
            // What the schema does not describe (metadata) can still have the wrong type: a user error, not a crash.
            var path = string.IsNullOrEmpty(e.Path) ? "<root>" : e.Path.TrimStart('$', '.');
            errors.Add(FieldError.TypeInvalid(FieldPath.NewPath(path), null, e.InnerException?.Message ?? e.Message));
            return errors;
        }

        errors.AddRange(ObjectMetaValidation.ValidateObjectMeta(typed.Metadata, namespaced: Kind.Namespaced, NameValidation.NameIsDnsSubdomain, FieldPath.NewPath("metadata")));
        Kind.Validate(typed, errors);
        return errors;
    }

    /// <inheritdoc />
    public virtual FieldErrorList ValidateUpdate(JsonObject obj, JsonObject old, ICollection<string> warnings)
    {
        var errors = Validate(obj, warnings);
        var newMeta = ReadMeta(obj);
        var oldMeta = ReadMeta(old);
        if (newMeta is not null && oldMeta is not null)
        {
            errors.AddRange(ObjectMetaValidation.ValidateObjectMetaUpdate(newMeta, oldMeta, FieldPath.NewPath("metadata")));
        }

        return errors;
    }

    /// <inheritdoc />
    public virtual void Canonicalize(JsonObject obj)
    {
    }

    /// <summary>Whether anything but <c>metadata</c> and <c>status</c> differs (the CRD generation rule).</summary>
    protected static bool DesiredStateChanged(JsonObject obj, JsonObject old)
    {
        var keys = obj.Select(p => p.Key).Concat(old.Select(p => p.Key)).Where(k => k is not ("metadata" or "status" or "apiVersion" or "kind")).Distinct();
        return keys.Any(k => !JsonNode.DeepEquals(obj[k], old[k]));
    }

    private static ObjectMeta? ReadMeta(JsonObject obj)
    {
        try
        {
            return obj["metadata"]?.Deserialize(MachineryJsonContext.Default.ObjectMeta);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
