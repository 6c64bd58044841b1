using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.Machinery.Schema;

/// <summary>
/// Generates a structural OpenAPI v3 schema from C# API types. Names, CLR types and required-ness come from the JSON
/// contract the serializer itself uses (<see cref="JsonTypeInfo"/> from a source-generated context), so the schema can
/// never disagree with the wire format; constraints come from the attributes in this namespace.
/// </summary>
/// <remarks>
/// Mapping: string → string; int → integer/int32; long → integer/int64; bool → boolean; DateTimeOffset →
/// string/date-time; <see cref="Quantity"/> → int-or-string with the quantity pattern; <see cref="IntOrString"/> →
/// int-or-string; <see cref="Duration"/> → string; enums → string with the wire names; lists → array; string-keyed
/// dictionaries → object with additionalProperties; records → object with properties; <see cref="JsonElement"/> →
/// preserve-unknown-fields; <see cref="ObjectMeta"/> → bare object at the root, the embedded subset with
/// <see cref="EmbeddedObjectMetaAttribute"/>.
/// </remarks>
public sealed class SchemaGenerator(JsonSerializerOptions options)
{
    private readonly JsonSerializerOptions _options = options;

    /// <summary>The schema of a root kind: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> (bare object), spec, status…</summary>
    public OpenApiSchema GenerateRoot(Type kindType) => ForType(kindType, null, depth: 0);

    /// <summary>The schema of any API type (not a root: an <see cref="ObjectMeta"/> here is embedded).</summary>
    public OpenApiSchema Generate(Type type) => ForType(type, null, depth: 1);

    private OpenApiSchema ForType(Type type, ICustomAttributeProvider? property, int depth)
    {
        var underlying = System.Nullable.GetUnderlyingType(type) ?? type;
        var schema = ForTypeCore(underlying, property, depth);
        if (property is not null)
        {
            ApplyPropertyAttributes(schema, property);
        }

        return schema;
    }

    private OpenApiSchema ForTypeCore(Type type, ICustomAttributeProvider? property, int depth)
    {
        if (type == typeof(string))
        {
            return new OpenApiSchema { Type = "string" };
        }

        if (type == typeof(int))
        {
            return new OpenApiSchema { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new OpenApiSchema { Type = "integer", Format = "int64" };
        }

        if (type == typeof(bool))
        {
            return new OpenApiSchema { Type = "boolean" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new OpenApiSchema { Type = "number", Format = type == typeof(double) ? "double" : "float" };
        }

        if (type == typeof(DateTimeOffset))
        {
            return new OpenApiSchema { Type = "string", Format = "date-time", ValueKind = SchemaValueKind.DateTime };
        }

        if (type == typeof(Quantity))
        {
            return new OpenApiSchema
            {
                AnyOf = [new OpenApiSchema { Type = "integer" }, new OpenApiSchema { Type = "string" }],
                Pattern = Quantity.Pattern,
                IntOrString = true,
                ValueKind = SchemaValueKind.Quantity,
            };
        }

        if (type == typeof(IntOrString))
        {
            return new OpenApiSchema
            {
                AnyOf = [new OpenApiSchema { Type = "integer" }, new OpenApiSchema { Type = "string" }],
                IntOrString = true,
            };
        }

        if (type == typeof(Duration))
        {
            return new OpenApiSchema { Type = "string", ValueKind = SchemaValueKind.Duration };
        }

        if (type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return new OpenApiSchema { PreserveUnknownFields = true };
        }

        if (type == typeof(ObjectMeta))
        {
            var embedded = property?.IsDefined(typeof(EmbeddedObjectMetaAttribute), inherit: true) == true;
            return depth == 1 && !embedded
                ? new OpenApiSchema { Type = "object", ValueKind = SchemaValueKind.ObjectMeta }
                : EmbeddedObjectMeta();
        }

        if (type.IsEnum)
        {
            return new OpenApiSchema { Type = "string", Enum = EnumWireValues(type) };
        }

        var info = _options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                return new OpenApiSchema { Type = "array", Items = ForType(info.ElementType!, null, depth + 1) };
            case JsonTypeInfoKind.Dictionary:
                if (info.KeyType != typeof(string))
                {
                    throw new InvalidOperationException($"{type}: only string-keyed dictionaries map to OpenAPI objects");
                }

                return new OpenApiSchema { Type = "object", AdditionalProperties = ForType(info.ElementType!, null, depth + 1) };
            case JsonTypeInfoKind.Object:
                return ForObject(info, depth);
            default:
                throw new InvalidOperationException($"{type}: no OpenAPI mapping for a {info.Kind} contract");
        }
    }

    private OpenApiSchema ForObject(JsonTypeInfo info, int depth)
    {
        var schema = new OpenApiSchema { Type = "object", Properties = [] };
        var required = new List<string>();
        foreach (var p in info.Properties)
        {
            schema.Properties[p.Name] = ForType(p.PropertyType, p.AttributeProvider, depth + 1);
            if (p.IsRequired)
            {
                required.Add(p.Name);
            }
        }

        if (required.Count > 0)
        {
            schema.Required = required;
        }

        if (info.Type.GetCustomAttribute<MapTypeAttribute>() is { } mapType)
        {
            schema.MapType = mapType.Value;
        }

        if (info.Type.IsDefined(typeof(PreserveUnknownFieldsAttribute), inherit: false))
        {
            schema.PreserveUnknownFields = true;
        }

        return schema;
    }

    private List<JsonNode?> EnumWireValues(Type enumType)
    {
        var info = _options.GetTypeInfo(enumType);
        var values = new List<JsonNode?>();
        foreach (var raw in Enum.GetValuesAsUnderlyingType(enumType))
        {
            var value = Enum.ToObject(enumType, raw!);
            values.Add(JsonSerializer.SerializeToNode(value, info));
        }

        return values;
    }

    private static OpenApiSchema EmbeddedObjectMeta() => new()
    {
        Type = "object",
        ValueKind = SchemaValueKind.ObjectMeta,
        Properties = new Dictionary<string, OpenApiSchema>
        {
            ["annotations"] = new() { Type = "object", AdditionalProperties = new OpenApiSchema { Type = "string" } },
            ["finalizers"] = new() { Type = "array", Items = new OpenApiSchema { Type = "string" } },
            ["labels"] = new() { Type = "object", AdditionalProperties = new OpenApiSchema { Type = "string" } },
            ["name"] = new() { Type = "string" },
            ["namespace"] = new() { Type = "string" },
        },
    };

    private static void ApplyPropertyAttributes(OpenApiSchema schema, ICustomAttributeProvider property)
    {
        foreach (var attribute in property.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case MinimumAttribute a: schema.Minimum = a.Value; break;
                case MaximumAttribute a: schema.Maximum = a.Value; break;
                case MinLengthAttribute a: schema.MinLength = a.Value; break;
                case MaxLengthAttribute a: schema.MaxLength = a.Value; break;
                case MinItemsAttribute a: schema.MinItems = a.Value; break;
                case MaxItemsAttribute a: schema.MaxItems = a.Value; break;
                case MaxPropertiesAttribute a: schema.MaxProperties = a.Value; break;
                case PatternAttribute a: schema.Pattern = a.Value; break;
                case EnumAttribute a: schema.Enum = a.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToList(); break;
                case DefaultAttribute a: schema.Default = DefaultToJson(a.Value); break;
                case FormatAttribute a: schema.Format = a.Value.Length == 0 ? null : a.Value; break;
                case ListTypeAttribute a: schema.ListType = a.Value; break;
                case ListMapKeysAttribute a: schema.ListMapKeys = [.. a.Keys]; break;
                case MapTypeAttribute a: schema.MapType = a.Value; break;
                case PreserveUnknownFieldsAttribute: schema.PreserveUnknownFields = true; break;
                case NullableValueAttribute: schema.Nullable = true; break;
                default: break;
            }
        }
    }

    private static JsonNode DefaultToJson(object value) => value switch
    {
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        _ => throw new InvalidOperationException($"unsupported default value type {value.GetType()}"),
    };
}
