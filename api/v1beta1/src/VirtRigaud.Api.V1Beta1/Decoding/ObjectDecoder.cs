using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Turns a JSON or YAML document into a typed, defaulted and validated object of this group, the way the API server
/// admits a create: identify the kind from <c>apiVersion</c>/<c>kind</c>; apply compatibility fix-ups; prune unknown
/// fields and apply schema defaults (<see cref="StructuralDefaulter"/>); validate against the schema
/// (<see cref="StructuralValidator"/>) and, when that passes, deserialize and run the kind's cross-field rules and the
/// metadata rules. Every problem is reported at once. The input is not changed.
/// </summary>
public static class ObjectDecoder
{
    /// <summary>Decodes one JSON document.</summary>
    public static DecodeResult Decode(JsonNode document)
    {
        var json = document.DeepClone();
        var errors = new FieldErrorList();
        if (json is not JsonObject obj)
        {
            errors.Add(FieldError.TypeInvalid(FieldPath.NewPath("<root>"), null, "must be of type object"));
            return new DecodeResult { Json = json, Errors = errors };
        }

        var apiVersion = (obj["apiVersion"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? (string?)obj["apiVersion"] : null;
        var kindName = (obj["kind"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? (string?)obj["kind"] : null;
        var kind = kindName is null ? null : Kinds.ByKind(kindName);
        if (apiVersion != GroupInfo.ApiVersion)
        {
            errors.Add(apiVersion is null
                ? FieldError.Required(FieldPath.NewPath("apiVersion"))
                : FieldError.NotSupported(FieldPath.NewPath("apiVersion"), apiVersion, [GroupInfo.ApiVersion]));
        }

        if (kind is null)
        {
            errors.Add(kindName is null
                ? FieldError.Required(FieldPath.NewPath("kind"))
                : FieldError.NotSupported(FieldPath.NewPath("kind"), kindName, Kinds.All.Select(k => k.Kind)));
        }

        if (errors.Count > 0)
        {
            return new DecodeResult { Kind = kind, Json = json, Errors = errors };
        }

        var warnings = new List<string>();
        var unknown = new List<string>();
        CompatibilityFixups.Apply(kind!, obj, warnings);
        StructuralDefaulter.Apply(obj, kind!.Schema, unknown);
        StructuralValidator.Validate(obj, kind.Schema, null, errors);
        if (errors.Count > 0)
        {
            return new DecodeResult { Kind = kind, Json = json, Errors = errors, Warnings = warnings, UnknownFields = unknown };
        }

        var typed = (IKubernetesObject)json.Deserialize(kind.TypeInfo)!;
        ValidateMetadata(typed.Metadata, errors);
        kind.Validate(typed, errors);
        return new DecodeResult
        {
            Kind = kind,
            Object = errors.Count == 0 ? typed : null,
            Json = json,
            Errors = errors,
            Warnings = warnings,
            UnknownFields = unknown,
        };
    }

    /// <summary>Decodes every document of a YAML stream (kubectl's conventions, see <see cref="KubernetesYaml"/>).</summary>
    public static IReadOnlyList<DecodeResult> DecodeYaml(string yaml) =>
        KubernetesYaml.ReadDocuments(yaml).Select(Decode).ToList();

    /// <summary>Serializes a typed object of this group to JSON through its source-generated contract.</summary>
    public static JsonNode ToJson(IKubernetesObject obj)
    {
        var kind = Kinds.All.FirstOrDefault(k => k.Type == obj.GetType())
            ?? throw new ArgumentException($"{obj.GetType().Name} is not a kind of {GroupInfo.ApiVersion}", nameof(obj));
        return JsonSerializer.SerializeToNode(obj, kind.TypeInfo)!;
    }

    private static void ValidateMetadata(ObjectMeta meta, FieldErrorList errors)
    {
        // A manifest without a namespace is applied to the client's current namespace; judge it as if it had one.
        var judged = meta.Namespace is null ? meta with { Namespace = "default" } : meta;
        errors.AddRange(ObjectMetaValidation.ValidateObjectMeta(judged, namespaced: true, NameValidation.NameIsDnsSubdomain, FieldPath.NewPath("metadata")));
    }
}
