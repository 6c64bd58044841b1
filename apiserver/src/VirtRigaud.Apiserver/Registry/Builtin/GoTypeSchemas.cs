using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Apiserver.OpenApi;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// The schemas of a built-in type, derived from its <see cref="GoType"/> description as kube-openapi derives them from
/// the Go structs: the OpenAPI definitions (one per struct, properties sorted by name, references between them, the
/// <c>x-kubernetes-group-version-kind</c> of kinds) and the inline structural schema the store records managed fields
/// with. Pure; every call returns fresh objects.
/// </summary>
internal static class GoTypeSchemas
{
    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";

    private const string KindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

    /// <summary>
    /// The definitions of <paramref name="kind"/>, of its list (<paramref name="listDefinitionName"/>) and of every
    /// struct they reference, in the v2 source form of <see cref="OpenApiSchemaConversion"/>.
    /// </summary>
    public static Dictionary<string, JsonObject> Definitions(GoStructType kind, string listDefinitionName)
    {
        var definitions = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        AddStruct(kind, definitions);
        var gvk = kind.Kind!.Value;
        definitions[listDefinitionName] = new JsonObject
        {
            ["description"] = $"{gvk.Kind}List is a list of {gvk.Kind} objects.",
            ["type"] = "object",
            ["required"] = new JsonArray("items"),
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" },
                ["items"] = new JsonObject
                {
                    ["description"] = $"Items is the list of {gvk.Kind} objects.",
                    ["type"] = "array",
                    ["items"] = OpenApiSchemaConversion.Ref(kind.DefinitionName),
                },
                ["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" },
                ["metadata"] = Described(OpenApiSchemaConversion.Ref(MetaDefinitions.ListMeta), "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"),
            },
            ["x-kubernetes-group-version-kind"] = Gvk(gvk.Group, gvk.Version, gvk.Kind + "List"),
        };
        return definitions;
    }

    /// <summary>The inline structural schema of a type (ObjectMeta as an opaque object, as for custom kinds).</summary>
    public static OpenApiSchema Structural(GoType type) => type switch
    {
        GoStructType s => new OpenApiSchema
        {
            Type = "object",
            Properties = new Dictionary<string, OpenApiSchema>(
                (s.Kind is null ? [] : new[] { KeyValuePair.Create("apiVersion", new OpenApiSchema { Type = "string" }), KeyValuePair.Create("kind", new OpenApiSchema { Type = "string" }) })
                    .Concat(s.Fields.Select(f => KeyValuePair.Create(f.Name, Structural(f.Type)))),
                StringComparer.Ordinal),
        },
        GoMapType m => new OpenApiSchema { Type = "object", AdditionalProperties = Structural(m.Value) },
        GoSliceType l => new OpenApiSchema { Type = "array", Items = Structural(l.Element), ListType = l.ListType },
        GoObjectMetaType => new OpenApiSchema { Type = "object", ValueKind = SchemaValueKind.ObjectMeta },
        GoRawJsonType => new OpenApiSchema { Type = "object", PreserveUnknownFields = true },
        GoScalarType { Kind: GoScalarKind.Bool } => new OpenApiSchema { Type = "boolean" },
        GoScalarType { Kind: GoScalarKind.Int32 } => new OpenApiSchema { Type = "integer", Format = "int32" },
        GoScalarType { Kind: GoScalarKind.Int64 } => new OpenApiSchema { Type = "integer", Format = "int64" },
        GoScalarType { Kind: GoScalarKind.Bytes } => new OpenApiSchema { Type = "string", Format = "byte" },
        GoScalarType { IsTime: true } => new OpenApiSchema { Type = "string", Format = "date-time", ValueKind = SchemaValueKind.DateTime },
        _ => new OpenApiSchema { Type = "string" },
    };

    private static void AddStruct(GoStructType type, Dictionary<string, JsonObject> definitions)
    {
        if (definitions.ContainsKey(type.DefinitionName))
        {
            return;
        }

        var properties = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        if (type.Kind is not null)
        {
            properties["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" };
            properties["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" };
        }

        foreach (var field in type.Fields)
        {
            properties[field.Name] = Described(Property(field.Type, definitions), field.Description);
        }

        var definition = new JsonObject
        {
            ["description"] = type.Description,
            ["type"] = "object",
        };
        var required = type.Fields.Where(f => f.Required).Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        if (required.Count > 0)
        {
            definition["required"] = new JsonArray(required.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
        }

        definition["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        if (type.Kind is { } gvk)
        {
            definition["x-kubernetes-group-version-kind"] = Gvk(gvk.Group, gvk.Version, gvk.Kind);
        }

        definitions[type.DefinitionName] = definition;
    }

    private static JsonObject Property(GoType type, Dictionary<string, JsonObject> definitions)
    {
        switch (type)
        {
            case GoStructType s:
                AddStruct(s, definitions);
                return OpenApiSchemaConversion.Ref(s.DefinitionName);
            case GoObjectMetaType:
                return OpenApiSchemaConversion.Ref(MetaDefinitions.ObjectMeta);
            case GoRawJsonType:
                return OpenApiSchemaConversion.Ref("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1");
            case GoMapType m:
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = Property(m.Value, definitions) };
            case GoSliceType l:
                return new JsonObject { ["type"] = "array", ["items"] = Property(l.Element, definitions), ["x-kubernetes-list-type"] = l.ListType };
            case GoScalarType { Kind: GoScalarKind.Time }:
                return OpenApiSchemaConversion.Ref(MetaDefinitions.Time);
            case GoScalarType { Kind: GoScalarKind.MicroTime }:
                return OpenApiSchemaConversion.Ref(MetaDefinitions.MicroTime);
            case GoScalarType scalar:
                var schema = (JsonObject)OpenApiSchemaJson.ToJson(Structural(scalar));
                return schema;
            default:
                throw new InvalidOperationException($"unknown Go type {type.GoName}");
        }
    }

    /// <summary>The schema with its description first (where kube-openapi writes it).</summary>
    private static JsonObject Described(JsonObject schema, string description)
    {
        var result = new JsonObject { ["description"] = description };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            result[key] = value;
        }

        return result;
    }

    private static JsonArray Gvk(string group, string version, string kind) =>
        new(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });
}
