using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// One problem with one field, as k8s.io/apimachinery's <c>field.Error</c>: a type, the field path, the offending
/// value (omitted from the message when <see cref="OmitValue"/> is set, e.g. for secrets or huge values) and a detail.
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary>
    /// The value is not printed in the message, as Go's <c>field.OmitValueType</c> (secrets, huge values, a negative
    /// count given to <see cref="TooMany"/>). Required, Forbidden, TooLong and InternalError never print it anyway.
    /// </summary>
    public bool OmitValue { get; init; }

    /// <summary>The message without the field: <c>Invalid value: "x": must be …</c> (Go's <c>ErrorBody</c>).</summary>
    public string ErrorBody()
    {
        var sb = new StringBuilder(Type.Describe());
        var printsValue = Type is not (FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong or FieldErrorType.InternalError)
            && !OmitValue;
        if (printsValue)
        {
            sb.Append(": ").Append(FormatValue(BadValue));
        }

        if (Detail.Length > 0)
        {
            sb.Append(": ").Append(Detail);
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>field: body</c>, the form Kubernetes joins into an Invalid status message. Go prints <c>": body"</c> for an
    /// empty path; we print the body alone, because our root paths (<c>FieldPath.NewPath("")</c>) are empty on purpose.
    /// </summary>
    public override string ToString() => Field.Length == 0 ? ErrorBody() : $"{Field}: {ErrorBody()}";

    /// <summary>
    /// Formats a value as the current <c>field.Error.ErrorBody</c> does (Kubernetes 1.33+):
    /// <list type="table">
    /// <item><term>string</term><description><c>%q</c> (<see cref="Quote"/>)</description></item>
    /// <item><term>integers, bool</term><description><c>%v</c>: <c>42</c>, <c>true</c></description></item>
    /// <item><term>float, double, decimal</term><description><c>%v</c> of a float64: <c>1.5</c>, <c>1e+06</c>, <c>1e-05</c></description></item>
    /// <item><term>anything else</term><description>its JSON (<c>json.Marshal</c>): <c>null</c>, <c>"True"</c> for an enum,
    /// <c>"2025-03-01T10:00:00Z"</c> for a time, <c>["a","b"]</c>, <c>{"a":1}</c> with sorted keys and Go's escaping</description></item>
    /// <item><term>JSON values</term><description>as Go sees them decoded: strings quoted, numbers and booleans as above,
    /// objects and arrays as JSON</description></item>
    /// <item><term>other objects</term><description><c>ToString()</c> (see <see cref="GoSyntaxValue"/>)</description></item>
    /// </list>
    /// </summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        Enum e => GoJsonString(e.ToString()),
        double d => GoFloat(d, d.ToString("R", CultureInfo.InvariantCulture), json: false),
        float f => GoFloat(f, f.ToString("R", CultureInfo.InvariantCulture), json: false),
        decimal m => FormatValue((double)m),
        DateTimeOffset t => t.UtcTicks == 0 ? "null" : GoJsonString(Rfc3339.Format(t)),
        JsonNode n => FormatJsonValue(n),
        JsonElement e => FormatJsonValue(JsonValueOf(e)),
        IEnumerable<KeyValuePair<string, string>> map => GoJson(new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))))),
        IEnumerable<string> list => GoJson(new JsonArray([.. list.Select(v => (JsonNode?)JsonValue.Create(v))])),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Quotes a string as Go's <c>%q</c> (<c>strconv.Quote</c>) does.</summary>
    public static string Quote(string s) => GoText.Quote(s);

    // A JSON value decoded as Go's unstructured form holds a string, an int64 (integer literal), a float64, a bool, nil,
    // a map or a slice; the first five print as themselves, maps and slices as JSON.
    private static string FormatJsonValue(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => Quote(node.GetValue<string>()),
        JsonValueKind.Number => GoNumber(node.ToJsonString(), json: false),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => GoJson(node),
    };

    private static JsonNode? JsonValueOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(e),
        JsonValueKind.Array => JsonArray.Create(e),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(e),
    };

    /// <summary><c>json.Marshal</c> of the unstructured value: compact, object keys sorted, Go's string escaping.</summary>
    private static string GoJson(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteGoJson(sb, node);
        return sb.ToString();
    }

    private static void WriteGoJson(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sb.Append(first ? "" : ",").Append(GoJsonString(key)).Append(':');
                    WriteGoJson(sb, value);
                    first = false;
                }

                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    WriteGoJson(sb, a[i]);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(node.GetValueKind() switch
                {
                    JsonValueKind.String => GoJsonString(node.GetValue<string>()),
                    JsonValueKind.Number => GoNumber(node.ToJsonString(), json: true),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => "null",
                });
                break;
        }
    }

    /// <summary>
    /// A string as encoding/json writes it: <c>"</c>, <c>\</c> and the usual control characters with short escapes,
    /// other control characters and the HTML-sensitive <c>&lt; &gt; &amp;</c> and U+2028/U+2029 as <c>\u00xx</c>, a
    /// lone surrogate (invalid UTF-8 in Go) as <c>\ufffd</c>, everything else as is.
    /// </summary>
    private static string GoJsonString(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append(@"\\"); break;
                case '\b': sb.Append(@"\b"); break;
                case '\f': sb.Append(@"\f"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append(@"\ufffd");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    // Decoded into Go's unstructured form a JSON number is an int64 when it is an integer literal, else a float64.
    private static string GoNumber(string text, bool json) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l.ToString(CultureInfo.InvariantCulture)
            : GoFloat(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), null, json);

    /// <summary>
    /// A float64 as Go prints it, from the shortest digits that round-trip (<paramref name="shortest"/>, .NET's
    /// round-trip text of the same value; computed when null):
    /// <list type="bullet">
    /// <item><c>%v</c> (<paramref name="json"/> false): <c>%e</c> form (<c>1.5e+06</c>, two exponent digits at least)
    /// when the decimal exponent is below -4 or at least 6, else <c>%f</c> form — strconv's 'g' with precision -1;</item>
    /// <item>encoding/json (<paramref name="json"/> true): <c>%e</c> form when the magnitude is below 1e-6 or at least
    /// 1e21, with a one-digit negative exponent left unpadded (<c>1e-7</c>), else <c>%f</c> form.</item>
    /// </list>
    /// </summary>
    private static string GoFloat(double value, string? shortest, bool json)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        shortest ??= value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var text = negative ? shortest[1..] : shortest;
        var e = text.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa[..dot] + mantissa[(dot + 1)..];

        // The decimal point sits after `point` digits: 0.0015 is digits "15" with point -2.
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leadingZeros;
        var sign = negative ? "-" : "";
        if (digits.Length == 0)
        {
            return sign + "0";
        }

        var decimalExponent = point - 1;
        var useExponent = json
            ? Math.Abs(value) is < 1e-6 or >= 1e21
            : decimalExponent is < -4 or >= 6;
        if (useExponent)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : "";
            var expSign = decimalExponent < 0 ? "-" : "+";
            var expDigits = json && decimalExponent is > -10 and < 0 ? "0" : "00";
            return sign + digits[0] + fraction + "e" + expSign + Math.Abs(decimalExponent).ToString(expDigits, CultureInfo.InvariantCulture);
        }

        if (point <= 0)
        {
            return sign + "0." + new string('0', -point) + digits;
        }

        return point >= digits.Length
            ? sign + digits + new string('0', point - digits.Length)
            : sign + digits[..point] + "." + digits[point..];
    }

    // Constructors named after k8s.io/apimachinery/pkg/util/validation/field.

    public static FieldError Required(FieldPath path, string detail = "") => new(FieldErrorType.Required, path.ToString(), null, detail);

    public static FieldError Invalid(FieldPath path, object? value, string detail) => new(FieldErrorType.Invalid, path.ToString(), value, detail);

    public static FieldError NotFound(FieldPath path, object? value) => new(FieldErrorType.NotFound, path.ToString(), value, "");

    public static FieldError Duplicate(FieldPath path, object? value) => new(FieldErrorType.Duplicate, path.ToString(), value, "");

    public static FieldError Forbidden(FieldPath path, string detail) => new(FieldErrorType.Forbidden, path.ToString(), null, detail);

    public static FieldError TypeInvalid(FieldPath path, object? value, string detail) => new(FieldErrorType.TypeInvalid, path.ToString(), value, detail);

    public static FieldError InternalError(FieldPath path, string detail) => new(FieldErrorType.InternalError, path.ToString(), null, detail);

    /// <summary>A value outside <paramref name="supported"/>; the detail lists them as Kubernetes does.</summary>
    public static FieldError NotSupported(FieldPath path, object? value, IEnumerable<string> supported)
    {
        var list = string.Join(", ", supported.Select(Quote));
        return new(FieldErrorType.NotSupported, path.ToString(), value, list.Length == 0 ? "" : "supported values: " + list);
    }

    /// <summary>
    /// A string longer than <paramref name="maxLength"/> bytes: <c>Too long: may not be more than 63 bytes</c> (<c>1 byte</c>;
    /// <c>value is too long</c> when the limit is negative, i.e. unknown). The value is never printed.
    /// </summary>
    public static FieldError TooLong(FieldPath path, object? value, int maxLength)
    {
        var detail = maxLength switch
        {
            < 0 => "value is too long",
            1 => "may not be more than 1 byte",
            _ => string.Create(CultureInfo.InvariantCulture, $"may not be more than {maxLength} bytes"),
        };
        return new(FieldErrorType.TooLong, path.ToString(), value, detail);
    }

    /// <summary>
    /// A list or map with <paramref name="actual"/> entries where at most <paramref name="max"/> are allowed:
    /// <c>Too many: 3: must have at most 2 items</c> (<c>1 item</c>; <c>too many items</c> when the limit is negative).
    /// A negative <paramref name="actual"/> means the count is unknown and is not printed.
    /// </summary>
    public static FieldError TooMany(FieldPath path, int actual, int max)
    {
        var detail = max switch
        {
            < 0 => "too many items",
            1 => "must have at most 1 item",
            _ => string.Create(CultureInfo.InvariantCulture, $"must have at most {max} items"),
        };
        return new(FieldErrorType.TooMany, path.ToString(), actual < 0 ? null : actual, detail) { OmitValue = actual < 0 };
    }
}
