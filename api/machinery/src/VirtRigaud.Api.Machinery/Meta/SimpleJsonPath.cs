using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// The "simple" JSONPath subset CRD printer columns and scale subresource paths allow, evaluated as client-go's
/// jsonpath evaluates them:
/// <list type="table">
/// <item><term><c>.a.b</c></term><description>a field of an object (missing → nothing)</description></item>
/// <item><term><c>.a['x.y']</c>, <c>.a["x.y"]</c>, <c>.a.x\.y</c></term><description>a field whose name has dots or brackets</description></item>
/// <item><term><c>.a[0]</c>, <c>.a[-1]</c></term><description>a list element; negative counts from the end</description></item>
/// <item><term><c>.a[*]</c>, <c>.a.*</c></term><description>every element of a list or every value of an object</description></item>
/// <item><term><c>.</c>, <c>$</c></term><description>the whole object</description></item>
/// </list>
/// An optional leading <c>$</c> and surrounding braces <c>{…}</c> are accepted. Slices, filters, unions and recursive
/// descent are not part of the subset and throw <see cref="FormatException"/>, as does an empty expression.
/// </summary>
public sealed class SimpleJsonPath
{
    private readonly IReadOnlyList<Segment> _segments;

    private SimpleJsonPath(string text, IReadOnlyList<Segment> segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses an expression or throws <see cref="FormatException"/>.</summary>
    public static SimpleJsonPath Parse(string text)
    {
        var s = text.Trim();
        if (s.StartsWith('{') && s.EndsWith('}'))
        {
            s = s[1..^1].Trim();
        }

        if (s.Length == 0)
        {
            throw new FormatException($"invalid JSONPath \"{text}\": empty expression");
        }

        if (s.StartsWith('$'))
        {
            s = s[1..];
        }
        else if (s == ".")
        {
            s = "";
        }

        var segments = new List<Segment>();
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '.')
            {
                i = ParseName(text, s, i + 1, segments);
            }
            else if (s[i] == '[')
            {
                i = ParseSubscript(text, s, i, segments);
            }
            else
            {
                throw new FormatException($"invalid JSONPath \"{text}\": expected '.' or '[' at offset {i.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return new SimpleJsonPath(text, segments);
    }

    /// <summary>Every value the expression selects (none when a step is missing).</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var segment in _segments)
        {
            current = current.SelectMany(segment.Apply).ToList();
        }

        return current.ToList();
    }

    public override string ToString() => Text;

    /// <summary>
    /// Parses the field name after a '.' starting at <paramref name="start"/>; returns the offset after it. As in
    /// client-go, <c>\</c> escapes the next character (<c>.labels.app\.kubernetes\.io/name</c>) and a name ends at
    /// '.' or '['; jsonpath's other terminators (space, ',', ']', '$', '@', braces) have no place in the subset.
    /// </summary>
    private static int ParseName(string text, string s, int start, List<Segment> segments)
    {
        var name = new StringBuilder();
        var i = start;
        for (; i < s.Length && s[i] is not '.' and not '['; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                name.Append(s[++i]);
            }
            else if (char.IsWhiteSpace(s[i]) || s[i] is ',' or ']' or '$' or '@' or '{' or '}')
            {
                throw new FormatException($"invalid JSONPath \"{text}\": unexpected {GoText.Quote(s[i].ToString())} at offset {i.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                name.Append(s[i]);
            }
        }

        if (name.Length == 0)
        {
            throw new FormatException($"invalid JSONPath \"{text}\": empty field name");
        }

        var isWildcard = i - start == 1 && s[start] == '*';
        segments.Add(isWildcard ? new Segment(null, null, true) : new Segment(name.ToString(), null, false));
        return i;
    }

    /// <summary>Parses the subscript starting at <paramref name="open"/> (a '['); returns the offset after its ']'.</summary>
    private static int ParseSubscript(string text, string s, int open, List<Segment> segments)
    {
        var i = open + 1;
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        if (i < s.Length && s[i] is '\'' or '"')
        {
            // A quoted name may itself contain ']' or '.', so it ends at its closing quote, not at the first ']'.
            var quote = s[i];
            var closeQuote = s.IndexOf(quote, i + 1);
            var close = closeQuote < 0 ? -1 : s.IndexOf(']', closeQuote + 1);
            if (close < 0 || s[(closeQuote + 1)..close].Trim().Length != 0)
            {
                throw new FormatException($"invalid JSONPath \"{text}\": unterminated quoted name at offset {open.ToString(CultureInfo.InvariantCulture)}");
            }

            segments.Add(new Segment(s[(i + 1)..closeQuote], null, false));
            return close + 1;
        }

        var end = s.IndexOf(']', open);
        if (end < 0)
        {
            throw new FormatException($"invalid JSONPath \"{text}\": unclosed '['");
        }

        var inner = s[(open + 1)..end].Trim();
        if (inner == "*")
        {
            segments.Add(new Segment(null, null, true));
        }
        else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            segments.Add(new Segment(null, index, false));
        }
        else
        {
            throw new FormatException($"invalid JSONPath \"{text}\": unsupported subscript [{inner}]");
        }

        return end + 1;
    }

    private sealed record Segment(string? Field, int? Index, bool Wildcard)
    {
        public IEnumerable<JsonNode?> Apply(JsonNode? node)
        {
            if (Field is not null)
            {
                if (node is JsonObject o && o.TryGetPropertyValue(Field, out var v))
                {
                    yield return v;
                }
            }
            else if (Index is { } index)
            {
                if (node is JsonArray a)
                {
                    var i = index < 0 ? a.Count + index : index;
                    if (i >= 0 && i < a.Count)
                    {
                        yield return a[i];
                    }
                }
            }
            else if (Wildcard)
            {
                switch (node)
                {
                    case JsonArray a:
                        foreach (var item in a)
                        {
                            yield return item;
                        }

                        break;
                    case JsonObject o:
                        foreach (var (_, value) in o)
                        {
                            yield return value;
                        }

                        break;
                    default:
                        break;
                }
            }
        }
    }
}
