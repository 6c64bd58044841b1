using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Schema;

/// <summary>
/// What the API server does to a decoded object before validation, as apiextensions-apiserver does for a CRD with a
/// structural schema, in this order:
/// <list type="number">
/// <item>prune: fields the schema does not know are removed (and reported, so <c>fieldValidation=Strict</c> can refuse
/// them and <c>Warn</c> can warn); <c>x-kubernetes-preserve-unknown-fields</c> keeps them;</item>
/// <item>drop <c>null</c> values of non-nullable fields (a null means "absent");</item>
/// <item>default: absent fields with a <c>default</c> get it, recursively, including inside defaults;</item>
/// <item>normalize: integral numbers in integer fields (<c>2.0</c>) become integers.</item>
/// </list>
/// The root <c>metadata</c> is left alone (ObjectMeta has its own rules). This type MUTATES the node it is given.
/// </summary>
public static class StructuralDefaulter
{
    /// <summary>Prunes, drops nulls, defaults and normalizes <paramref name="node"/> in place.</summary>
    /// <param name="node">The object, mutated.</param>
    /// <param name="schema">Its structural schema.</param>
    /// <param name="unknownFields">Receives the path of every pruned unknown field, e.g. <c>spec.foo</c>.</param>
    public static void Apply(JsonNode? node, OpenApiSchema schema, ICollection<string>? unknownFields = null) =>
        Walk(node, schema, null, unknownFields);

    private static void Walk(JsonNode? node, OpenApiSchema schema, FieldPath? path, ICollection<string>? unknown)
    {
        switch (node)
        {
            case JsonObject obj:
                WalkObject(obj, schema, path, unknown);
                break;
            case JsonArray array when schema.Items is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], schema.Items, Child(path, i), unknown);
                }

                break;
            case JsonValue value when schema.Type == "integer" && value.GetValueKind() == JsonValueKind.Number
                && value.ToJsonString().AsSpan().IndexOfAny(".eE") >= 0 && JsonValues.TryGetInt64(value, out var integral):
                Replace(value, JsonValue.Create(integral));
                break;
            default:
                break;
        }
    }

    private static void WalkObject(JsonObject obj, OpenApiSchema schema, FieldPath? path, ICollection<string>? unknown)
    {
        if (schema.ValueKind == SchemaValueKind.ObjectMeta && schema.Properties is null)
        {
            return;
        }

        if (schema.Properties is not null)
        {
            foreach (var (key, child) in obj.ToList())
            {
                if (!schema.Properties.TryGetValue(key, out var childSchema))
                {
                    if (!schema.PreserveUnknownFields)
                    {
                        obj.Remove(key);
                        unknown?.Add(Child(path, key).ToString());
                    }

                    continue;
                }

                if (child is null && !childSchema.Nullable)
                {
                    obj.Remove(key);
                    continue;
                }

                Walk(child, childSchema, Child(path, key), unknown);
            }

            foreach (var (key, childSchema) in schema.Properties)
            {
                if (childSchema.Default is not null && !obj.ContainsKey(key))
                {
                    var value = childSchema.Default.DeepClone();
                    obj[key] = value;
                    Walk(value, childSchema, Child(path, key), unknown);
                }
            }
        }
        else if (schema.AdditionalProperties is not null)
        {
            foreach (var (key, child) in obj.ToList())
            {
                if (child is null && !schema.AdditionalProperties.Nullable)
                {
                    obj.Remove(key);
                    continue;
                }

                Walk(child, schema.AdditionalProperties, ChildKey(path, key), unknown);
            }
        }
        else if (!schema.PreserveUnknownFields && schema.Type == "object")
        {
            // An object schema with neither properties nor additionalProperties keeps nothing.
            foreach (var (key, _) in obj.ToList())
            {
                obj.Remove(key);
                unknown?.Add(Child(path, key).ToString());
            }
        }
    }

    private static void Replace(JsonNode node, JsonNode replacement)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = replacement;
                break;
            case JsonArray parent:
                parent[node.GetElementIndex()] = replacement;
                break;
            default:
                break;
        }
    }

    private static FieldPath Child(FieldPath? path, string name) => path?.Child(name) ?? FieldPath.NewPath(name);

    private static FieldPath Child(FieldPath? path, int index) => path?.Index(index) ?? FieldPath.NewPath("").Index(index);

    private static FieldPath ChildKey(FieldPath? path, string key) => path?.Key(key) ?? FieldPath.NewPath("").Key(key);
}
