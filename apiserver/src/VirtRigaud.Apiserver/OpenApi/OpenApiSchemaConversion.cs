using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// Conversions between the forms a schema takes in our documents. Both mutate the node they are given.
/// </summary>
internal static class OpenApiSchemaConversion
{
    private const string V2Prefix = "#/definitions/";
    private const string V3Prefix = "#/components/schemas/";

    /// <summary>
    /// Makes a structural (v3) schema publishable in Swagger 2.0 the way kube-apiserver does for CRDs
    /// (apiextensions-apiserver ToStructuralOpenAPIV2): drops <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>/<c>not</c>; a
    /// nullable node loses its type, items and properties and leaves its parent's <c>required</c> (v2 cannot say
    /// "may be null", and kubectl's v2 validation would reject nulls); a node preserving unknown fields loses items
    /// and properties; an array left without items loses its type. Mutates <paramref name="schema"/>.
    /// </summary>
    public static void ToV2Structural(JsonObject schema)
    {
        foreach (var key in new[] { "allOf", "anyOf", "oneOf", "not" })
        {
            schema.Remove(key);
        }

        if (schema["properties"] is JsonObject props && schema["required"] is JsonArray required)
        {
            var nullable = props.Where(p => p.Value is JsonObject o && IsTrue(o["nullable"])).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var kept = required.Where(r => !nullable.Contains((string)r!)).Select(r => (JsonNode)JsonValue.Create((string)r!)).ToArray();
            if (kept.Length == 0)
            {
                schema.Remove("required");
            }
            else
            {
                schema["required"] = new JsonArray(kept);
            }
        }

        if (IsTrue(schema["nullable"]))
        {
            schema.Remove("nullable");
            schema.Remove("type");
            schema.Remove("items");
            schema.Remove("properties");
            schema.Remove("required");
        }

        if (IsTrue(schema["x-kubernetes-preserve-unknown-fields"]))
        {
            schema.Remove("items");
            schema.Remove("properties");
            schema.Remove("required");
        }

        if ((string?)schema["type"] == "array" && schema["items"] is null)
        {
            schema.Remove("type");
        }

        if (schema["properties"] is JsonObject children)
        {
            foreach (var (_, child) in children)
            {
                if (child is JsonObject c)
                {
                    ToV2Structural(c);
                }
            }
        }

        if (schema["items"] is JsonObject items)
        {
            ToV2Structural(items);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            ToV2Structural(additional);
        }
    }

    /// <summary>
    /// Turns a schema written with v2 references into its OpenAPI 3.0 form: references point into
    /// <c>#/components/schemas/</c>, and a reference with sibling keys (which OpenAPI 3.0 ignores) is wrapped into
    /// <c>allOf</c> so that descriptions survive, as kube-apiserver publishes it. Mutates <paramref name="node"/>.
    /// </summary>
    public static void ToV3(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o.ToList())
                {
                    ToV3(child);
                }

                if (o["$ref"] is JsonValue r && (string?)r is { } target && target.StartsWith(V2Prefix, StringComparison.Ordinal))
                {
                    var v3 = V3Prefix + target[V2Prefix.Length..];
                    if (o.Count == 1)
                    {
                        o["$ref"] = v3;
                    }
                    else
                    {
                        o.Remove("$ref");
                        o["allOf"] = new JsonArray(new JsonObject { ["$ref"] = v3 });
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    ToV3(child);
                }

                break;
        }
    }

    /// <summary>The definition name a v2 or v3 reference points to.</summary>
    public static string RefTarget(string reference) =>
        reference.StartsWith(V2Prefix, StringComparison.Ordinal) ? reference[V2Prefix.Length..]
        : reference.StartsWith(V3Prefix, StringComparison.Ordinal) ? reference[V3Prefix.Length..]
        : reference;

    /// <summary>A v2 reference to a definition.</summary>
    public static JsonObject Ref(string definition) => new() { ["$ref"] = V2Prefix + definition };

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
