using System.Globalization;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// One media range of an <c>Accept</c> header or one <c>Content-Type</c>: type and subtype in lower case, the
/// parameters (names in lower case, values unquoted) and the quality (<c>q</c>, 1 when absent).
/// </summary>
internal sealed record MediaTypeRange(string Type, string Subtype, IReadOnlyDictionary<string, string> Parameters, double Quality)
{
    /// <summary><c>type/subtype</c>.</summary>
    public string MediaType => $"{Type}/{Subtype}";

    /// <summary>The value of a parameter, or null.</summary>
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The ranges of one or more <c>Accept</c> header values, best first: by quality, then by specificity
    /// (<c>a/b</c> before <c>a/*</c> before <c>*/*</c>), then in header order (goautoneg's order). Ranges with
    /// <c>q=0</c> and unparsable ranges are left out.
    /// </summary>
    public static IReadOnlyList<MediaTypeRange> ParseAccept(IEnumerable<string?> headerValues)
    {
        var ranges = new List<MediaTypeRange>();
        foreach (var value in headerValues)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            foreach (var part in SplitOutsideQuotes(value, ','))
            {
                if (TryParse(part, out var range) && range.Quality > 0)
                {
                    ranges.Add(range);
                }
            }
        }

        // List.Sort is not stable; OrderBy is.
        return ranges.OrderByDescending(r => r.Quality).ThenBy(r => Specificity(r)).ToList();
    }

    /// <summary>Parses one media range (<c>application/json;as=Table;v=v1</c>); a bare <c>*</c> reads as <c>*/*</c>.</summary>
    public static bool TryParse(string text, out MediaTypeRange range)
    {
        range = null!;
        var pieces = SplitOutsideQuotes(text, ';');
        if (pieces.Count == 0)
        {
            return false;
        }

        var full = pieces[0].Trim().ToLowerInvariant();
        if (full == "*")
        {
            full = "*/*";
        }

        var slash = full.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == full.Length - 1 || full.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var quality = 1.0;
        foreach (var piece in pieces.Skip(1))
        {
            var eq = piece.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = piece[..eq].Trim().ToLowerInvariant();
            var value = piece[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }

            if (name == "q")
            {
                quality = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? Math.Clamp(q, 0, 1) : 0;
                continue;
            }

            parameters[name] = value;
        }

        range = new MediaTypeRange(full[..slash], full[(slash + 1)..], parameters, quality);
        return true;
    }

    private static int Specificity(MediaTypeRange r) => (r.Type, r.Subtype) switch
    {
        ("*", _) => 2,
        (_, "*") => 1,
        _ => 0,
    };

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == separator && !quoted)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts.Where(p => p.Trim().Length > 0).ToList();
    }
}
