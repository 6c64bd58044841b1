using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// What kube-apiserver does to a built-in object between the request body and storage, done on JSON: decode into the
/// Go type (case-sensitive field names, as sigs.k8s.io/json) and encode it again. The result is the canonical form
/// kube-apiserver would store and return:
/// <list type="bullet">
/// <item>fields the type does not have are dropped (and reported, for <c>fieldValidation</c>);</item>
/// <item>fields come in the struct's declaration order, <c>apiVersion</c> and <c>kind</c> first; map keys sorted;</item>
/// <item><c>omitempty</c> zero values are dropped; other zero values are written (<c>""</c>, 0, false, null);</item>
/// <item><c>[]byte</c> is re-encoded as canonical base64; times in UTC (seconds for Time, microseconds for MicroTime).</item>
/// </list>
/// A value of the wrong type is what Go's decoder refuses: <see cref="GoDecodeException"/> with Go's message
/// (<c>json: cannot unmarshal string into Go struct field LeaseSpec.spec.leaseDurationSeconds of type int32</c>,
/// <c>illegal base64 data at input byte 4</c>, time ParseErrors). <c>metadata</c> is copied unchanged. Never mutates its
/// input; thread-safe.
/// </summary>
internal static class GoJson
{
    /// <summary>Decodes <paramref name="obj"/> as <paramref name="type"/> and returns its canonical encoding.</summary>
    /// <param name="obj">The object (not mutated).</param>
    /// <param name="type">A top-level kind (<see cref="GoStructType.Kind"/> set) or any struct.</param>
    /// <param name="unknownFields">Receives the dotted path of every dropped field.</param>
    /// <exception cref="GoDecodeException">A value has the wrong type or does not parse.</exception>
    public static JsonObject RoundTrip(JsonObject obj, GoStructType type, ICollection<string> unknownFields) =>
        (JsonObject)Struct(obj, type, "", unknownFields)!;

    /// <summary>
    /// A value decoded and re-encoded; <c>Zero</c> is Go's "empty value" test of <c>omitempty</c> (structs and times
    /// are never empty in that sense).
    /// </summary>
    private static (JsonNode? Encoded, bool Zero) Value(JsonNode? node, GoType type, bool pointer, Context context, ICollection<string> unknown)
    {
        if (pointer)
        {
            // JSON null into a pointer: nil. Anything else: a pointer to the decoded value, which is not empty.
            return node is null ? (null, true) : (Value(node, type, pointer: false, context, unknown).Encoded, false);
        }

        switch (type)
        {
            case GoScalarType scalar:
                return Scalar(node, scalar, context);
            case GoMapType map:
                if (node is null)
                {
                    return (null, true);
                }

                if (node is not JsonObject entries)
                {
                    throw context.TypeError(node, map);
                }

                var encodedMap = new JsonObject();
                foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    encodedMap[key] = Value(value, map.Value, pointer: false, context, unknown).Encoded;
                }

                return (encodedMap, encodedMap.Count == 0);
            case GoSliceType slice:
                if (node is null)
                {
                    return (null, true);
                }

                if (node is not JsonArray items)
                {
                    throw context.TypeError(node, slice);
                }

                var encodedSlice = new JsonArray();
                foreach (var item in items)
                {
                    encodedSlice.Add(Value(item, slice.Element, pointer: false, context, unknown).Encoded);
                }

                return (encodedSlice, encodedSlice.Count == 0);
            case GoStructType structType:
                if (node is not null and not JsonObject)
                {
                    throw context.TypeError(node, structType);
                }

                return (Struct(node as JsonObject, structType, context.Path, unknown), false);
            case GoObjectMetaType:
                return (node?.DeepClone() ?? new JsonObject(), false);
            case GoRawJsonType:
                return (node?.DeepClone(), node is null);
            default:
                throw new InvalidOperationException($"unknown Go type {type.GoName}");
        }
    }

    private static JsonObject Struct(JsonObject? obj, GoStructType type, string path, ICollection<string> unknown)
    {
        var result = new JsonObject();
        if (type.Kind is { } kind && path.Length == 0)
        {
            // TypeMeta, inline: strings (checked by the REST layer), written first.
            result["apiVersion"] = obj?["apiVersion"]?.DeepClone() ?? (kind.Group.Length == 0 ? kind.Version : kind.Group + "/" + kind.Version);
            result["kind"] = obj?["kind"]?.DeepClone() ?? kind.Kind;
        }

        if (obj is not null)
        {
            foreach (var (key, _) in obj)
            {
                if (type.Field(key) is null && !(type.Kind is not null && path.Length == 0 && key is "apiVersion" or "kind"))
                {
                    unknown.Add(path.Length == 0 ? key : path + "." + key);
                }
            }
        }

        foreach (var field in type.Fields)
        {
            var childPath = path.Length == 0 ? field.Name : path + "." + field.Name;
            var (encoded, zero) = Value(obj?[field.Name], field.Type, field.Pointer, new Context(type, childPath), unknown);
            var neverEmpty = !field.Pointer && field.Type is GoStructType or GoObjectMetaType or GoScalarType { IsTime: true };
            if (field.OmitEmpty && zero && !neverEmpty)
            {
                continue;
            }

            result[field.Name] = encoded;
        }

        return result;
    }

    private static (JsonNode? Encoded, bool Zero) Scalar(JsonNode? node, GoScalarType type, Context context)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        switch (type.Kind)
        {
            case GoScalarKind.String:
                if (kind == JsonValueKind.Null)
                {
                    return ("", true);
                }

                var s = kind == JsonValueKind.String ? node!.GetValue<string>() : throw context.TypeError(node!, type);
                return (s, s.Length == 0);
            case GoScalarKind.Bool:
                return kind switch
                {
                    JsonValueKind.Null or JsonValueKind.False => (false, true),
                    JsonValueKind.True => (true, false),
                    _ => throw context.TypeError(node!, type),
                };
            case GoScalarKind.Int32 or GoScalarKind.Int64:
                if (kind == JsonValueKind.Null)
                {
                    return (0, true);
                }

                if (kind != JsonValueKind.Number)
                {
                    throw context.TypeError(node!, type);
                }

                var literal = node!.ToJsonString();
                if (!long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    || (type.Kind == GoScalarKind.Int32 && n is < int.MinValue or > int.MaxValue))
                {
                    // Go: strconv.ParseInt of the literal failed or overflowed the field.
                    throw context.TypeError(node, type, "number " + literal);
                }

                return (n, n == 0);
            case GoScalarKind.Bytes:
                if (kind == JsonValueKind.Null)
                {
                    return (null, true);
                }

                if (kind != JsonValueKind.String)
                {
                    throw context.TypeError(node!, type);
                }

                if (!GoBase64.TryDecode(node!.GetValue<string>(), out var bytes, out var index))
                {
                    throw new GoDecodeException(string.Create(CultureInfo.InvariantCulture, $"illegal base64 data at input byte {index}"));
                }

                return (Convert.ToBase64String(bytes), bytes.Length == 0);
            case GoScalarKind.Time or GoScalarKind.MicroTime:
                if (kind == JsonValueKind.Null)
                {
                    return (null, true);
                }

                if (kind != JsonValueKind.String)
                {
                    // metav1.Time.UnmarshalJSON first decodes the value into a string.
                    throw new GoDecodeException($"json: cannot unmarshal {Describe(node!)} into Go value of type string");
                }

                var micro = type.Kind == GoScalarKind.MicroTime;
                if (!GoTime.TryParse(node!.GetValue<string>(), micro, out var time, out var error))
                {
                    throw new GoDecodeException(error);
                }

                return GoTime.IsZero(time) ? (null, true) : (GoTime.Format(time, micro), false);
            default:
                throw new InvalidOperationException($"unknown scalar {type.Kind}");
        }
    }

    /// <summary>How Go's UnmarshalTypeError names a JSON value: <c>string</c>, <c>number</c>, <c>bool</c>, <c>object</c>, <c>array</c>.</summary>
    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => "null",
    };

    /// <summary>Where a value is, as Go's decoder reports it: the innermost struct and the field path from the root.</summary>
    private readonly record struct Context(GoStructType Struct, string Path)
    {
        public GoDecodeException TypeError(JsonNode node, GoType target, string? value = null) =>
            new($"json: cannot unmarshal {value ?? Describe(node)} into Go struct field {Struct.Name}.{Path} of type {target.GoName}");
    }
}
