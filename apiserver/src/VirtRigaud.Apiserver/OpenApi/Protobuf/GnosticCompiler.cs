using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using VirtRigaud.Apiserver.OpenApi.Protobuf.Gnostic;

namespace VirtRigaud.Apiserver.OpenApi.Protobuf;

/// <summary>
/// Compiles a Swagger 2.0 JSON document into gnostic's <see cref="Document"/> the way gnostic's
/// <c>openapi_v2.ParseDocument</c> does (kube-apiserver's <c>ToProtoBinary</c>), driven by the message descriptors of
/// OpenAPIv2.proto:
/// <list type="table">
/// <item><term>property</term><description>the field whose JSON name is the key (<c>$ref</c> → <c>_ref</c>); a key
/// no field takes fails, as in gnostic ("has invalid property").</description></item>
/// <item><term><c>x-*</c></term><description>a <see cref="NamedAny"/> in <c>vendor_extension</c>, the value as YAML
/// (<see cref="GnosticYaml"/>).</description></item>
/// <item><term>maps</term><description>(definitions, properties, paths, responses, …) repeated <c>Named*</c> pairs in
/// document order.</description></item>
/// <item><term>oneofs</term><description>chosen as gnostic's matching does: <c>$ref</c> → <see cref="JsonReference"/>;
/// <c>in: body</c> → <see cref="BodyParameter"/>, else the sub-schema named by <c>in</c>; <c>type: file</c> →
/// <see cref="FileSchema"/>; security schemes by <c>type</c> and <c>flow</c>; <c>additionalProperties</c> boolean or
/// schema; <c>type</c> and <c>items</c> one value or a list.</description></item>
/// </list>
/// Pure: reads the JSON, never mutates it. An input gnostic would reject throws <see cref="InvalidOperationException"/>
/// naming the JSON path.
/// </summary>
internal static class GnosticCompiler
{
    private const string VendorExtension = "vendor_extension";

    // Map messages whose keys gnostic restricts (apart from x- keys): the rest take any key.
    private static readonly Dictionary<string, Func<string, bool>> MapKeyRules = new(StringComparer.Ordinal)
    {
        [Paths.Descriptor.FullName] = key => key.StartsWith('/'),
        [Responses.Descriptor.FullName] = key => key == "default" || (key.Length == 3 && key.All(char.IsAsciiDigit)),
    };

    /// <summary>The protobuf document for the Swagger 2.0 document <paramref name="swagger"/>.</summary>
    public static Document Compile(JsonObject swagger)
    {
        var document = new Document();
        CompileObject(swagger, document, "$");
        return document;
    }

    private static void CompileObject(JsonObject json, IMessage target, string path)
    {
        var descriptor = target.Descriptor;
        if (IsMap(descriptor))
        {
            CompileMap(json, target, path);
            return;
        }

        foreach (var (key, value) in json)
        {
            var at = path + "." + key;
            if (key.StartsWith("x-", StringComparison.Ordinal))
            {
                AddNamed(target, descriptor.FindFieldByName(VendorExtension) ?? throw Invalid(at, "is not allowed in " + descriptor.Name), key, value, at);
                continue;
            }

            var field = PropertyField(descriptor, key) ?? throw Invalid(at, "is not a property of " + descriptor.Name);
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(target);
                foreach (var item in value as JsonArray ?? throw Invalid(at, "must be an array"))
                {
                    list.Add(Convert(field, item, at));
                }
            }
            else
            {
                field.Accessor.SetValue(target, Convert(field, value, at));
            }
        }
    }

    /// <summary>A map message: every field is a repeated <c>Named*</c> pair (definitions, paths, responses, …).</summary>
    private static bool IsMap(MessageDescriptor descriptor) =>
        descriptor.Fields.InDeclarationOrder().All(f => f.IsRepeated && f.FieldType == FieldType.Message && f.MessageType.Name.StartsWith("Named", StringComparison.Ordinal));

    private static void CompileMap(JsonObject json, IMessage target, string path)
    {
        var descriptor = target.Descriptor;
        var vendor = descriptor.FindFieldByName(VendorExtension);
        var entries = descriptor.Fields.InDeclarationOrder().Single(f => f.Name != VendorExtension);
        var rule = MapKeyRules.GetValueOrDefault(descriptor.FullName);
        foreach (var (key, value) in json)
        {
            var at = path + "." + key;
            if (vendor is not null && key.StartsWith("x-", StringComparison.Ordinal))
            {
                AddNamed(target, vendor, key, value, at);
            }
            else if (rule is null || rule(key))
            {
                AddNamed(target, entries, key, value, at);
            }
            else
            {
                throw Invalid(at, "is not a valid key of " + descriptor.Name);
            }
        }
    }

    private static void AddNamed(IMessage target, FieldDescriptor field, string name, JsonNode? value, string at)
    {
        var pair = New(field.MessageType);
        pair.Descriptor.FindFieldByName("name").Accessor.SetValue(pair, name);
        var valueField = pair.Descriptor.FindFieldByName("value");
        valueField.Accessor.SetValue(pair, Convert(valueField, value, at));
        ((IList)field.Accessor.GetValue(target)).Add(pair);
    }

    private static FieldDescriptor? PropertyField(MessageDescriptor descriptor, string key)
    {
        if (key == "$ref")
        {
            return descriptor.FindFieldByName("_ref");
        }

        var field = descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => string.Equals(f.JsonName, key, StringComparison.Ordinal));
        return field is null || field.Name == VendorExtension || field.Name.StartsWith('_') ? null : field;
    }

    /// <summary>One JSON value as the (element) type of <paramref name="field"/>.</summary>
    private static object Convert(FieldDescriptor field, JsonNode? value, string at) => field.FieldType switch
    {
        FieldType.String => Scalar<string>(value, JsonValueKind.String, at),
        FieldType.Bool => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : throw Invalid(at, "must be a boolean"),
        FieldType.Double => Scalar<double>(value, JsonValueKind.Number, at),
        FieldType.Int64 => Scalar<long>(value, JsonValueKind.Number, at),
        FieldType.Message => Message(field.MessageType, value, at),
        _ => throw Invalid(at, "has a field type the compiler does not handle: " + field.FieldType),
    };

    private static IMessage Message(MessageDescriptor type, JsonNode? value, string at)
    {
        switch (type.Name)
        {
            case nameof(Gnostic.Any):
                return new Gnostic.Any { Yaml = GnosticYaml.Write(value) };
            case nameof(TypeItem):
                var typeItem = new TypeItem();
                typeItem.Value.AddRange(value is JsonArray types ? types.Select(t => Scalar<string>(t, JsonValueKind.String, at)) : [Scalar<string>(value, JsonValueKind.String, at)]);
                return typeItem;
            case nameof(StringArray):
                var strings = new StringArray();
                strings.Value.AddRange((value as JsonArray ?? throw Invalid(at, "must be an array")).Select(s => Scalar<string>(s, JsonValueKind.String, at)));
                return strings;
            case nameof(ItemsItem):
                var items = new ItemsItem();
                items.Schema.AddRange(value is JsonArray schemas ? schemas.Select((s, i) => Compiled<Schema>(s, $"{at}[{i}]")) : [Compiled<Schema>(value, at)]);
                return items;
            case nameof(AdditionalPropertiesItem):
                return value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? new AdditionalPropertiesItem { Boolean = value.GetValue<bool>() }
                    : new AdditionalPropertiesItem { Schema = Compiled<Schema>(value, at) };
            case nameof(SchemaItem):
                return Property(value, "type") == "file"
                    ? new SchemaItem { FileSchema = Compiled<FileSchema>(value, at) }
                    : new SchemaItem { Schema = Compiled<Schema>(value, at) };
            case nameof(ParametersItem):
                return Has(value, "$ref")
                    ? new ParametersItem { JsonReference = Compiled<JsonReference>(value, at) }
                    : new ParametersItem { Parameter = (Parameter)Message(Parameter.Descriptor, value, at) };
            case nameof(Parameter):
                return Property(value, "in") == "body"
                    ? new Parameter { BodyParameter = Compiled<BodyParameter>(value, at) }
                    : new Parameter { NonBodyParameter = NonBody(value, at) };
            case nameof(ResponseValue):
                return Has(value, "$ref")
                    ? new ResponseValue { JsonReference = Compiled<JsonReference>(value, at) }
                    : new ResponseValue { Response = Compiled<Response>(value, at) };
            case nameof(SecurityDefinitionsItem):
                return Security(value, at);
            default:
                var message = New(type);
                CompileObject(value as JsonObject ?? throw Invalid(at, "must be an object"), message, at);
                return message;
        }
    }

    private static NonBodyParameter NonBody(JsonNode? value, string at) => Property(value, "in") switch
    {
        "header" => new NonBodyParameter { HeaderParameterSubSchema = Compiled<HeaderParameterSubSchema>(value, at) },
        "formData" => new NonBodyParameter { FormDataParameterSubSchema = Compiled<FormDataParameterSubSchema>(value, at) },
        "query" => new NonBodyParameter { QueryParameterSubSchema = Compiled<QueryParameterSubSchema>(value, at) },
        "path" => new NonBodyParameter { PathParameterSubSchema = Compiled<PathParameterSubSchema>(value, at) },
        var other => throw Invalid(at, $"has an unexpected location in: {other}"),
    };

    private static SecurityDefinitionsItem Security(JsonNode? value, string at) => (Property(value, "type"), Property(value, "flow")) switch
    {
        ("basic", _) => new SecurityDefinitionsItem { BasicAuthenticationSecurity = Compiled<BasicAuthenticationSecurity>(value, at) },
        ("apiKey", _) => new SecurityDefinitionsItem { ApiKeySecurity = Compiled<ApiKeySecurity>(value, at) },
        ("oauth2", "implicit") => new SecurityDefinitionsItem { Oauth2ImplicitSecurity = Compiled<Oauth2ImplicitSecurity>(value, at) },
        ("oauth2", "password") => new SecurityDefinitionsItem { Oauth2PasswordSecurity = Compiled<Oauth2PasswordSecurity>(value, at) },
        ("oauth2", "application") => new SecurityDefinitionsItem { Oauth2ApplicationSecurity = Compiled<Oauth2ApplicationSecurity>(value, at) },
        ("oauth2", "accessCode") => new SecurityDefinitionsItem { Oauth2AccessCodeSecurity = Compiled<Oauth2AccessCodeSecurity>(value, at) },
        var (type, flow) => throw Invalid(at, $"is not a security scheme gnostic knows (type {type}, flow {flow})"),
    };

    private static T Compiled<T>(JsonNode? value, string at)
        where T : IMessage<T>, new()
    {
        var message = new T();
        CompileObject(value as JsonObject ?? throw Invalid(at, "must be an object"), message, at);
        return message;
    }

    private static IMessage New(MessageDescriptor type) => type.Parser.ParseFrom(ByteString.Empty);

    private static T Scalar<T>(JsonNode? value, JsonValueKind kind, string at) =>
        value is JsonValue v && v.GetValueKind() == kind ? v.GetValue<T>() : throw Invalid(at, "must be a " + kind.ToString().ToLowerInvariant());

    private static bool Has(JsonNode? value, string key) => value is JsonObject o && o.ContainsKey(key);

    private static string? Property(JsonNode? value, string key) =>
        value is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static InvalidOperationException Invalid(string at, string problem) => new($"OpenAPI v2 {at} {problem}");
}
