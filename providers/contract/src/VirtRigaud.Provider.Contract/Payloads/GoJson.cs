using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// Writes a JSON tree byte for byte as Go's <c>encoding/json.Marshal</c> (Go 1.22 or later) writes the value it came
/// from. The payloads are produced by an upstream Go manager (or read by an upstream Go provider), so these are the
/// rules their bytes follow:
/// <code>
/// rule                                     Go                                      here
/// layout                                   compact: no spaces, no newline          same
/// struct field order                       declaration order                       record declaration order
/// field name without a json tag            the Go field name (CPU, MemoryMiB, URL) [JsonPropertyName] on each record
/// field without omitempty                  always written, zero value included     always written
/// nil pointer / nil slice / nil map        null (omitempty: left out)              null (omitempty: left out)
/// empty non-nil map / slice                {} / [] (omitempty: left out)           same
/// omitempty on false, 0, ""                left out                                left out (CRD shapes)
/// omitempty on a struct value              NO effect: the struct is written        written
/// map keys                                 sorted by their UTF-8 bytes             sorted by UTF-8 bytes
/// &lt; &gt; &amp;                                    \u003c \u003e \u0026 (HTML-safe)          same
/// U+2028, U+2029                           \u2028 \u2029                           same
/// " \ and \b \f \n \r \t                   \" \\ \b \f \n \r \t (\b \f since 1.22)  same
/// other control characters                 \u00XX, lowercase hex                   same
/// invalid UTF-8 (here: lone surrogates)    \ufffd                                  same
/// other non-ASCII                          literal UTF-8                           same
/// integers                                 decimal, no exponent                    same
/// resource.Quantity                        canonical form ("1536Mi", not "1.5Gi")  canonicalized by the shapes
/// metav1.Duration                          time.Duration.String() ("30m0s")         canonicalized by the shapes
/// </code>
/// Stateless and thread-safe.
/// </summary>
internal static class GoJson
{
    private const string Hex = "0123456789abcdef";

    /// <summary>Go's bytes for <paramref name="node"/>; objects at the paths in <paramref name="mapPaths"/> are Go maps (keys sorted).</summary>
    public static string Write(JsonNode? node, IReadOnlySet<string> mapPaths)
    {
        var builder = new StringBuilder();
        WriteNode(builder, node, "", mapPaths);
        return builder.ToString();
    }

    /// <summary>Appends <paramref name="value"/> as a Go JSON string (quotes included).</summary>
    public static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate has no UTF-8 form; Go writes the replacement character for invalid UTF-8.
                builder.Append("\\ufffd");
                span = span[consumed..];
                continue;
            }

            var text = span[..consumed];
            span = span[consumed..];
            var c = rune.Value;
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < 0x20 or '<' or '>' or '&':
                    builder.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
                    break;
                case 0x2028 or 0x2029:
                    builder.Append("\\u202").Append(Hex[c & 0xF]);
                    break;
                default:
                    builder.Append(text);
                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>Orders strings by their UTF-8 bytes, as Go's <c>sort.Strings</c> does for map keys.</summary>
    public static int CompareUtf8(string a, string b)
    {
        // UTF-16 ordinal order differs from UTF-8 byte order only between surrogate pairs and U+E000..U+FFFF; compare
        // code points, which is UTF-8 byte order.
        var x = a.AsSpan();
        var y = b.AsSpan();
        while (!x.IsEmpty && !y.IsEmpty)
        {
            Rune.DecodeFromUtf16(x, out var rx, out var cx);
            Rune.DecodeFromUtf16(y, out var ry, out var cy);
            if (rx.Value != ry.Value)
            {
                return rx.Value.CompareTo(ry.Value);
            }

            x = x[cx..];
            y = y[cy..];
        }

        return x.Length.CompareTo(y.Length);
    }

    private static void WriteNode(StringBuilder builder, JsonNode? node, string path, IReadOnlySet<string> mapPaths)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                IEnumerable<KeyValuePair<string, JsonNode?>> properties = obj;
                if (mapPaths.Contains(path))
                {
                    properties = obj.OrderBy(p => p.Key, Comparer<string>.Create(CompareUtf8));
                }

                builder.Append('{');
                var first = true;
                foreach (var (name, child) in properties)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendQuoted(builder, name);
                    builder.Append(':');
                    WriteNode(builder, child, Child(path, name), mapPaths);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    WriteNode(builder, array[i], path + "[]", mapPaths);
                }

                builder.Append(']');
                break;
            default:
                var value = node.AsValue();
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        AppendQuoted(builder, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        builder.Append("true");
                        break;
                    case JsonValueKind.False:
                        builder.Append("false");
                        break;
                    default:
                        // Integers only in these payloads; STJ prints them as Go does (no exponent, no fraction).
                        builder.Append(value.ToJsonString());
                        break;
                }

                break;
        }
    }

    /// <summary>The path of property <paramref name="name"/> under <paramref name="parent"/>: <c>a.b</c>, array items <c>a[]</c>.</summary>
    public static string Child(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;
}
