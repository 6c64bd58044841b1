using System.Globalization;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Schema;

/// <summary>Converts <see cref="OpenApiSchema"/> to and from its OpenAPI v3 JSON form.</summary>
public static class OpenApiSchemaJson
{
    private const string InternalValueKind = "x-virtrigaud-value-kind";

    /// <summary>
    /// The OpenAPI JSON of a schema, keys in the order Kubernetes publishes them. <paramref name="includeInternal"/> keeps
    /// <see cref="OpenApiSchema.ValueKind"/> (for cloning only; never published).
    /// </summary>
    public static JsonObject ToJson(OpenApiSchema schema, bool includeInternal = false)
    {
        var o = new JsonObject();
        if (schema.Description is not null)
        {
            o["description"] = schema.Description;
        }

        if (schema.Type is not null)
        {
            o["type"] = schema.Type;
        }

        if (schema.Format is not null)
        {
            o["format"] = schema.Format;
        }

        if (schema.AnyOf is not null)
        {
            o["anyOf"] = new JsonArray(schema.AnyOf.Select(s => (JsonNode)ToJson(s, includeInternal)).ToArray());
        }

        if (schema.AllOf is not null)
        {
            o["allOf"] = new JsonArray(schema.AllOf.Select(s => (JsonNode)ToJson(s, includeInternal)).ToArray());
        }

        if (schema.Enum is not null)
        {
            o["enum"] = new JsonArray(schema.Enum.Select(v => v?.DeepClone()).ToArray());
        }

        if (schema.Default is not null)
        {
            o["default"] = schema.Default.DeepClone();
        }

        SetIfNotNull(o, "minimum", schema.Minimum);
        SetIfNotNull(o, "maximum", schema.Maximum);
        SetIfNotNull(o, "minLength", schema.MinLength);
        SetIfNotNull(o, "maxLength", schema.MaxLength);
        SetIfNotNull(o, "minItems", schema.MinItems);
        SetIfNotNull(o, "maxItems", schema.MaxItems);
        SetIfNotNull(o, "maxProperties", schema.MaxProperties);
        if (schema.Pattern is not null)
        {
            o["pattern"] = schema.Pattern;
        }

        if (schema.Nullable)
        {
            o["nullable"] = true;
        }

        if (schema.Items is not null)
        {
            o["items"] = ToJson(schema.Items, includeInternal);
        }

        if (schema.Properties is not null)
        {
            var props = new JsonObject();
            foreach (var (name, child) in schema.Properties)
            {
                props[name] = ToJson(child, includeInternal);
            }

            o["properties"] = props;
        }

        if (schema.Required is { Count: > 0 })
        {
            o["required"] = new JsonArray(schema.Required.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
        }

        if (schema.AdditionalProperties is not null)
        {
            o["additionalProperties"] = ToJson(schema.AdditionalProperties, includeInternal);
        }

        if (schema.IntOrString)
        {
            o["x-kubernetes-int-or-string"] = true;
        }

        if (schema.PreserveUnknownFields)
        {
            o["x-kubernetes-preserve-unknown-fields"] = true;
        }

        if (schema.EmbeddedResource)
        {
            o["x-kubernetes-embedded-resource"] = true;
        }

        if (schema.ListType is not null)
        {
            o["x-kubernetes-list-type"] = schema.ListType;
        }

        if (schema.ListMapKeys is not null)
        {
            o["x-kubernetes-list-map-keys"] = new JsonArray(schema.ListMapKeys.Select(k => (JsonNode)JsonValue.Create(k)).ToArray());
        }

        if (schema.MapType is not null)
        {
            o["x-kubernetes-map-type"] = schema.MapType;
        }

        if (includeInternal && schema.ValueKind != SchemaValueKind.Plain)
        {
            o[InternalValueKind] = schema.ValueKind.ToString();
        }

        return o;
    }

    /// <summary>Parses an OpenAPI v3 schema object (e.g. a CRD's <c>openAPIV3Schema</c>).</summary>
    public static OpenApiSchema FromJson(JsonObject o, bool includeInternal = false)
    {
        var s = new OpenApiSchema
        {
            Type = (string?)o["type"],
            Format = (string?)o["format"],
            Description = (string?)o["description"],
            Pattern = (string?)o["pattern"],
            Minimum = ReadLong(o["minimum"]),
            Maximum = ReadLong(o["maximum"]),
            MinLength = (int?)ReadLong(o["minLength"]),
            MaxLength = (int?)ReadLong(o["maxLength"]),
            MinItems = (int?)ReadLong(o["minItems"]),
            MaxItems = (int?)ReadLong(o["maxItems"]),
            MaxProperties = (int?)ReadLong(o["maxProperties"]),
            Nullable = o["nullable"] is JsonValue nv && nv.GetValue<bool>(),
            IntOrString = o["x-kubernetes-int-or-string"] is JsonValue iv && iv.GetValue<bool>(),
            PreserveUnknownFields = o["x-kubernetes-preserve-unknown-fields"] is JsonValue pv && pv.GetValue<bool>(),
            EmbeddedResource = o["x-kubernetes-embedded-resource"] is JsonValue ev && ev.GetValue<bool>(),
            ListType = (string?)o["x-kubernetes-list-type"],
            MapType = (string?)o["x-kubernetes-map-type"],
            Default = o["default"]?.DeepClone(),
        };
        if (o["enum"] is JsonArray e)
        {
            s.Enum = e.Select(v => v?.DeepClone()).ToList();
        }

        if (o["required"] is JsonArray r)
        {
            s.Required = r.Select(v => (string)v!).ToList();
        }

        if (o["x-kubernetes-list-map-keys"] is JsonArray k)
        {
            s.ListMapKeys = k.Select(v => (string)v!).ToList();
        }

        if (o["items"] is JsonObject items)
        {
            s.Items = FromJson(items, includeInternal);
        }

        if (o["additionalProperties"] is JsonObject ap)
        {
            s.AdditionalProperties = FromJson(ap, includeInternal);
        }

        if (o["properties"] is JsonObject props)
        {
            s.Properties = [];
            foreach (var (name, child) in props)
            {
                s.Properties[name] = FromJson((JsonObject)child!, includeInternal);
            }
        }

        if (o["anyOf"] is JsonArray anyOf)
        {
            s.AnyOf = anyOf.Select(b => FromJson((JsonObject)b!, includeInternal)).ToList();
        }

        if (o["allOf"] is JsonArray allOf)
        {
            s.AllOf = allOf.Select(b => FromJson((JsonObject)b!, includeInternal)).ToList();
        }

        if (includeInternal && o[InternalValueKind] is JsonValue vk)
        {
            s.ValueKind = System.Enum.Parse<SchemaValueKind>((string)vk!);
        }

        return s;
    }

    private static long? ReadLong(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.TryGetValue<decimal>(out var m) => (long)m,
        _ => long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture),
    };

    private static void SetIfNotNull(JsonObject o, string key, long? value)
    {
        if (value is not null)
        {
            o[key] = value.Value;
        }
    }
}
