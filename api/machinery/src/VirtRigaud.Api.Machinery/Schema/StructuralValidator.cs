using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Schema;

/// <summary>
/// Validates JSON against a structural schema and reports every problem with its field path, as kube-apiserver does
/// for a custom resource: types, required, enum, bounds, lengths, items, properties, patterns, formats, list-type
/// uniqueness. Beyond what the OpenAPI publishes it also checks that int32 fields fit, that durations, quantities and
/// date-times parse (a value the schema lets through but a typed reader rejects would otherwise break controllers).
/// Never mutates its input.
/// </summary>
public static class StructuralValidator
{
    private static readonly ConcurrentDictionary<string, Regex> CompiledPatterns = new(StringComparer.Ordinal);

    /// <summary>Validates <paramref name="node"/>, appending to <paramref name="errors"/>.</summary>
    public static void Validate(JsonNode? node, OpenApiSchema schema, FieldPath? path, FieldErrorList errors)
    {
        var p = path ?? FieldPath.NewPath("<root>");
        if (node is null)
        {
            if (!schema.Nullable && schema.Type is not null)
            {
                errors.Add(FieldError.TypeInvalid(p, null, $"must be of type {schema.Type}"));
            }

            return;
        }

        if (schema.IntOrString)
        {
            ValidateIntOrString(node, schema, p, errors);
            return;
        }

        if (schema.Type is not null && !HasType(node, schema.Type))
        {
            errors.Add(FieldError.TypeInvalid(p, JsonValues.ForMessage(node), $"must be of type {schema.Type}"));
            return;
        }

        if (schema.EffectiveEnum is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add(FieldError.NotSupported(p, JsonValues.ForMessage(node), allowed.Select(a => a is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : a?.ToJsonString() ?? "null")));
        }

        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, p, path is null, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, p, errors);
                break;
            default:
                ValidateScalar(node.AsValue(), schema, p, errors);
                break;
        }
    }

    private static void ValidateObject(JsonObject obj, OpenApiSchema schema, FieldPath path, bool isRoot, FieldErrorList errors)
    {
        if (schema.MaxProperties is { } maxProps && obj.Count > maxProps)
        {
            errors.Add(FieldError.TooMany(path, obj.Count, maxProps));
        }

        foreach (var name in schema.Required ?? [])
        {
            if (!obj.ContainsKey(name) || (obj[name] is null && schema.Properties?.GetValueOrDefault(name)?.Nullable != true))
            {
                errors.Add(FieldError.Required(isRoot ? FieldPath.NewPath(name) : path.Child(name)));
            }
        }

        if (schema.ValueKind == SchemaValueKind.ObjectMeta && schema.Properties is null)
        {
            return;
        }

        // Known properties in schema order (so errors come out in a stable, readable order), then map entries.
        foreach (var (key, childSchema) in schema.Properties ?? [])
        {
            if (obj.TryGetPropertyValue(key, out var child))
            {
                Validate(child, childSchema, isRoot ? FieldPath.NewPath(key) : path.Child(key), errors);
            }
        }

        if (schema.AdditionalProperties is not null)
        {
            foreach (var (key, child) in obj)
            {
                if (schema.Properties?.ContainsKey(key) != true)
                {
                    Validate(child, schema.AdditionalProperties, path.Key(key), errors);
                }
            }
        }
    }

    private static void ValidateArray(JsonArray array, OpenApiSchema schema, FieldPath path, FieldErrorList errors)
    {
        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add(FieldError.TooMany(path, array.Count, max));
        }

        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add(FieldError.Invalid(path, array.Count, string.Create(CultureInfo.InvariantCulture, $"must have at least {min} item{(min == 1 ? "" : "s")}")));
        }

        if (schema.Items is not null)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], schema.Items, path.Index(i), errors);
            }
        }

        switch (schema.ListType)
        {
            case "set":
                for (var i = 0; i < array.Count; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (JsonNode.DeepEquals(array[i], array[j]))
                        {
                            errors.Add(FieldError.Duplicate(path.Index(i), JsonValues.ForMessage(array[i])));
                            break;
                        }
                    }
                }

                break;
            case "map" when schema.ListMapKeys is { Count: > 0 } keys:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject item)
                    {
                        continue;
                    }

                    var key = string.Join("\u0000", keys.Select(k => item[k]?.ToJsonString() ?? "null"));
                    if (!seen.Add(key))
                    {
                        var shown = keys.Count == 1 ? JsonValues.ForMessage(item[keys[0]]) : "{" + string.Join(", ", keys.Select(k => $"\"{k}\":{item[k]?.ToJsonString() ?? "null"}")) + "}";
                        errors.Add(FieldError.Duplicate(path.Index(i), shown));
                    }
                }

                break;
            default:
                break;
        }
    }

    private static void ValidateScalar(JsonValue value, OpenApiSchema schema, FieldPath path, FieldErrorList errors)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                ValidateString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(value, schema, path, errors);
                break;
            default:
                break;
        }
    }

    private static void ValidateString(string s, OpenApiSchema schema, FieldPath path, FieldErrorList errors)
    {
        var length = CountRunes(s);
        if (schema.MaxLength is { } max && length > max)
        {
            errors.Add(FieldError.TooLong(path, s, max));
        }

        if (schema.MinLength is { } min && length < min)
        {
            errors.Add(FieldError.Invalid(path, s, string.Create(CultureInfo.InvariantCulture, $"must be at least {min} character{(min == 1 ? "" : "s")} long")));
        }

        if (schema.Pattern is { } pattern && !Matches(pattern, s))
        {
            errors.Add(FieldError.Invalid(path, s, $"must match the regular expression '{pattern}'"));
        }

        if (schema.Format == "date-time" || schema.ValueKind == SchemaValueKind.DateTime)
        {
            if (!Rfc3339.TryParse(s, out _))
            {
                errors.Add(FieldError.Invalid(path, s, "must be an RFC 3339 date-time such as \"2025-03-01T10:00:00Z\""));
            }
        }
        else if (schema.ValueKind == SchemaValueKind.Duration && !Duration.TryParse(s, out _, out var durationError))
        {
            errors.Add(FieldError.Invalid(path, s, $"must be a duration such as \"90s\", \"30m\" or \"1h30m\" (units ns, us, ms, s, m, h): {durationError}"));
        }
    }

    private static void ValidateNumber(JsonValue value, OpenApiSchema schema, FieldPath path, FieldErrorList errors)
    {
        if (schema.Type == "integer")
        {
            if (!JsonValues.TryGetInt64(value, out var l))
            {
                errors.Add(FieldError.TypeInvalid(path, JsonValues.ForMessage(value), "must be of type integer (64-bit)"));
                return;
            }

            if (schema.Format == "int32" && l is < int.MinValue or > int.MaxValue)
            {
                errors.Add(FieldError.Invalid(path, l, "must fit in a 32-bit integer"));
                return;
            }

            CheckBounds(l, schema, path, errors);
            return;
        }

        if (JsonValues.TryGetInt64(value, out var integral))
        {
            CheckBounds(integral, schema, path, errors);
        }
        else if (value.TryGetValue<double>(out var d))
        {
            if (schema.Minimum is { } min && d < min)
            {
                errors.Add(FieldError.Invalid(path, d, string.Create(CultureInfo.InvariantCulture, $"must be greater than or equal to {min}")));
            }

            if (schema.Maximum is { } max && d > max)
            {
                errors.Add(FieldError.Invalid(path, d, string.Create(CultureInfo.InvariantCulture, $"must be less than or equal to {max}")));
            }
        }
    }

    private static void CheckBounds(long value, OpenApiSchema schema, FieldPath path, FieldErrorList errors)
    {
        if (schema.Minimum is { } min && value < min)
        {
            errors.Add(FieldError.Invalid(path, value, string.Create(CultureInfo.InvariantCulture, $"must be greater than or equal to {min}")));
        }

        if (schema.Maximum is { } max && value > max)
        {
            errors.Add(FieldError.Invalid(path, value, string.Create(CultureInfo.InvariantCulture, $"must be less than or equal to {max}")));
        }
    }

    private static void ValidateIntOrString(JsonNode node, OpenApiSchema schema, FieldPath path, FieldErrorList errors)
    {
        var kind = JsonValues.KindOf(node);
        if (kind == JsonValueKind.Number && JsonValues.IsIntegral(node))
        {
            if (schema.ValueKind == SchemaValueKind.Quantity && !Quantity.TryParse(node.ToJsonString(), out _))
            {
                errors.Add(FieldError.Invalid(path, JsonValues.ForMessage(node), "must be a quantity"));
            }
            else if (schema.ValueKind != SchemaValueKind.Quantity && (!JsonValues.TryGetInt64(node, out var i) || i is < int.MinValue or > int.MaxValue))
            {
                errors.Add(FieldError.Invalid(path, JsonValues.ForMessage(node), "must fit in a 32-bit integer"));
            }

            return;
        }

        if (kind != JsonValueKind.String)
        {
            errors.Add(FieldError.TypeInvalid(path, JsonValues.ForMessage(node), "must be an integer or a string"));
            return;
        }

        var s = node.GetValue<string>();
        if (schema.ValueKind == SchemaValueKind.Quantity)
        {
            if (!Quantity.TryParse(s, out _, out var quantityError) || (schema.Pattern is not null && !Matches(schema.Pattern, s)))
            {
                errors.Add(FieldError.Invalid(path, s, $"must be a quantity such as \"4Gi\", \"512Mi\", \"2\" or \"500m\" ({quantityError})"));
            }

            return;
        }

        if (schema.Pattern is { } pattern && !Matches(pattern, s))
        {
            errors.Add(FieldError.Invalid(path, s, $"must match the regular expression '{pattern}'"));
        }
    }

    private static bool HasType(JsonNode node, string type) => (type, JsonValues.KindOf(node)) switch
    {
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => JsonValues.IsIntegral(node),
        _ => false,
    };

    /// <summary>Whether <paramref name="value"/> matches an OpenAPI (ECMA-262) pattern; patterns are compiled once.</summary>
    internal static bool Matches(string pattern, string value)
    {
        var regex = CompiledPatterns.GetOrAdd(pattern, static p =>
        {
            try
            {
                // ECMAScript semantics keep \d and \w ASCII-only, as in Go's RE2 and JavaScript.
                return new Regex(p, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException)
            {
                return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            }
        });
        return regex.IsMatch(value);
    }

    private static int CountRunes(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
