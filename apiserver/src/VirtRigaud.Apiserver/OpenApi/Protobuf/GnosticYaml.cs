using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VirtRigaud.Apiserver.OpenApi.Protobuf;

/// <summary>
/// Writes a JSON value as the YAML text gnostic stores in <c>Any.yaml</c> (a vendor extension, a default, an enum
/// value or an example): block style as gnostic's <c>compiler.Marshal</c> emits it with go-yaml v3 (mappings indented by
/// four, a mapping inside a sequence item continuing two columns after the dash, empty collections as <c>{}</c> and
/// <c>[]</c>), keys in document order, strings plain unless they would read back as something else and then
/// double-quoted. kubectl reads the text with a YAML parser (kube-openapi <c>VendorExtensionToMap</c>), so what matters
/// is that it parses back to the same value. Pure.
/// </summary>
internal static partial class GnosticYaml
{
    private const int Indent = 4;

    /// <summary>The YAML document for <paramref name="value"/>, ending in a newline.</summary>
    public static string Write(JsonNode? value)
    {
        var text = new StringBuilder();
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                WriteMapping(text, o, 0);
                break;
            case JsonArray a when a.Count > 0:
                WriteSequence(text, a, 0);
                break;
            default:
                text.Append(Inline(value)).Append('\n');
                break;
        }

        return text.ToString();
    }

    private static void WriteMapping(StringBuilder text, JsonObject mapping, int column, bool continuesLine = false)
    {
        var first = true;
        foreach (var (key, value) in mapping)
        {
            if (!(first && continuesLine))
            {
                text.Append(' ', column);
            }

            first = false;
            text.Append(Scalar(key)).Append(':');
            WriteValue(text, value, column + Indent);
        }
    }

    private static void WriteSequence(StringBuilder text, JsonArray sequence, int column)
    {
        foreach (var item in sequence)
        {
            text.Append(' ', column).Append('-');
            switch (item)
            {
                case JsonObject o when o.Count > 0:
                    text.Append(' ');
                    WriteMapping(text, o, column + 2, continuesLine: true);
                    break;
                case JsonArray a when a.Count > 0:
                    text.Append('\n');
                    WriteSequence(text, a, column + 2);
                    break;
                default:
                    text.Append(' ').Append(Inline(item)).Append('\n');
                    break;
            }
        }
    }

    /// <summary>Writes what follows <c>key:</c> — a nested block on the next lines or a scalar on the same line.</summary>
    private static void WriteValue(StringBuilder text, JsonNode? value, int childColumn)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                text.Append('\n');
                WriteMapping(text, o, childColumn);
                break;
            case JsonArray a when a.Count > 0:
                text.Append('\n');
                WriteSequence(text, a, childColumn);
                break;
            default:
                text.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static string Inline(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        JsonValue v => v.ToJsonString(),
        _ => throw new InvalidOperationException("unexpected JSON node " + value.GetType().Name),
    };

    /// <summary>A string scalar: plain when YAML reads it back as the same string, else double-quoted.</summary>
    private static string Scalar(string s) => NeedsQuotes(s) ? Quote(s) : s;

    private static bool NeedsQuotes(string s) =>
        s.Length == 0
        || s != s.Trim()
        || "-?:,[]{}#&*!|>'\"%@`".Contains(s[0], StringComparison.Ordinal)
        || s.Contains(": ", StringComparison.Ordinal)
        || s.Contains(" #", StringComparison.Ordinal)
        || s.EndsWith(':')
        || s.Any(char.IsControl)
        || ResolvesToNonString().IsMatch(s);

    private static string Quote(string s)
    {
        var text = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    // Plain scalars a YAML 1.1 or 1.2 reader (go-yaml v2 and v3, both used by kubectl versions) resolves to null, a
    // boolean or a number.
    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]+|[0-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")]
    private static partial Regex ResolvesToNonString();
}
