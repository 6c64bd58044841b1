using System.Globalization;
using System.Text;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// One problem with one field, as k8s.io/apimachinery's <c>field.Error</c>: a type, the field path, the offending
/// value (omitted from the message when <see cref="OmitValue"/> is set, e.g. for secrets or huge values) and a detail.
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary>The value is not printed in the message (Required, Forbidden, TooLong and InternalError never print it).</summary>
    public bool OmitValue { get; init; }

    /// <summary>The message without the field: <c>Invalid value: "x": must be …</c>.</summary>
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

    /// <summary><c>field: body</c>, the form Kubernetes joins into an Invalid status message.</summary>
    public override string ToString() => Field.Length == 0 ? ErrorBody() : $"{Field}: {ErrorBody()}";

    /// <summary>Formats a value the way Go's <c>%#v</c>-ish printing in field errors does: strings quoted, numbers bare.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Text.Json.Nodes.JsonNode n => n.ToJsonString(),
        System.Text.Json.JsonElement e => e.GetRawText(),
        _ => value.ToString() ?? "null",
    };

    /// <summary>Quotes a string as Go's <c>%q</c> does for printable text.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
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

    /// <summary>A string longer than <paramref name="maxLength"/>.</summary>
    public static FieldError TooLong(FieldPath path, object? value, int maxLength) =>
        new(FieldErrorType.TooLong, path.ToString(), value, $"may not be more than {maxLength.ToString(CultureInfo.InvariantCulture)} bytes");

    /// <summary>A list or map with <paramref name="actual"/> entries where at most <paramref name="max"/> are allowed.</summary>
    public static FieldError TooMany(FieldPath path, int actual, int max) =>
        new(FieldErrorType.TooMany, path.ToString(), actual, $"must have at most {max.ToString(CultureInfo.InvariantCulture)} items");
}
