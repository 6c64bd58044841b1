using System.Globalization;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// The "simple" JSONPath subset CRD printer columns and scale subresource paths allow: <c>.a.b</c>, <c>.a[*]</c>,
/// <c>.a[0].b</c>, <c>.a['dotted.key']</c> (an optional leading <c>$</c> and braces <c>{…}</c> are accepted).
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
            s = s[1..^1];
        }

        if (s.StartsWith('$'))
        {
            s = s[1..];
        }

        var segments = new List<Segment>();
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '.')
            {
                var start = ++i;
                while (i < s.Length && s[i] is not '.' and not '[')
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"invalid JSONPath \"{text}\": empty field name");
                }

                segments.Add(new Segment(s[start..i], null, false));
            }
            else if (s[i] == '[')
            {
                var end = s.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"invalid JSONPath \"{text}\": unclosed '['");
                }

                var inner = s[(i + 1)..end].Trim();
                if (inner == "*")
                {
                    segments.Add(new Segment(null, null, true));
                }
                else if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    segments.Add(new Segment(inner[1..^1], null, false));
                }
                else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(new Segment(null, index, false));
                }
                else
                {
                    throw new FormatException($"invalid JSONPath \"{text}\": unsupported subscript [{inner}]");
                }

                i = end + 1;
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
