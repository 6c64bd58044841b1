using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The published definitions of a kind and its list, built from <see cref="KindInfo.Schema"/>: the structural schema
/// with descriptions for the root, <c>spec</c> and <c>status</c>, <c>metadata</c> referring to ObjectMeta, and the
/// <c>x-kubernetes-group-version-kind</c> extension (an array on schemas) that kubectl explain, client-side apply and
/// field-validation detection look schemas up by. Returned in "source form" (structural v3 with v2 references);
/// <see cref="OpenApiSchemaConversion"/> turns it into either version. Every call returns a fresh object.
/// </summary>
internal static class KindSchemas
{
    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers convert recognized schemas to the latest internal value.";

    private const string KindDescription =
        "Kind is a string value representing the REST resource this object represents; it cannot be updated. In CamelCase.";

    /// <summary>The definition of a kind.</summary>
    public static JsonObject Kind(KindInfo kind)
    {
        var schema = OpenApiSchemaJson.ToJson(kind.Schema);
        var (root, spec, status) = KindDescriptions.For(kind);
        var result = new JsonObject { ["description"] = root };
        foreach (var (key, value) in schema.ToList())
        {
            if (key != "description")
            {
                schema.Remove(key);
                result[key] = value;
            }
        }

        var props = (JsonObject)result["properties"]!;
        props["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" };
        props["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" };
        props["metadata"] = MetadataRef(MetaDefinitions.ObjectMeta, "Standard object's metadata: name, namespace, labels, annotations, owners, finalizers and server-set fields.");
        Describe(props, "spec", spec);
        Describe(props, "status", status);
        result["x-kubernetes-group-version-kind"] = GvkArray(kind.Kind);
        return result;
    }

    /// <summary>The definition of a kind's list.</summary>
    public static JsonObject List(KindInfo kind) => new()
    {
        ["description"] = $"{kind.ListKind} is a list of {kind.Kind}",
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" },
            ["items"] = new JsonObject
            {
                ["description"] = $"List of {kind.Plural}.",
                ["type"] = "array",
                ["items"] = OpenApiSchemaConversion.Ref(ResourcePaths.DefinitionName(kind.Group, kind.Version, kind.Kind)),
            },
            ["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" },
            ["metadata"] = MetadataRef(MetaDefinitions.ListMeta, "Standard list metadata: resourceVersion and continue token."),
        },
        ["x-kubernetes-group-version-kind"] = GvkArray(kind.ListKind),
    };

    private static JsonObject MetadataRef(string definition, string description)
    {
        var o = OpenApiSchemaConversion.Ref(definition);
        o["description"] = description;
        return o;
    }

    private static void Describe(JsonObject props, string name, string description)
    {
        if (props[name] is JsonObject o && o["description"] is null)
        {
            // Put the description first, where kube-apiserver writes it.
            var copy = new JsonObject { ["description"] = description };
            foreach (var (key, value) in o.ToList())
            {
                o.Remove(key);
                copy[key] = value;
            }

            props[name] = copy;
        }
    }

    private static JsonArray GvkArray(string kind) =>
        new(new JsonObject { ["group"] = GroupInfo.Group, ["kind"] = kind, ["version"] = GroupInfo.Version });
}
