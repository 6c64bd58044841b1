using System.Globalization;
using System.Text;

namespace VirtRigaud.Client.Rest;

/// <summary>
/// Parses <c>Warning</c> header values (RFC 7234 §5.5: <c>warn-code SP warn-agent SP warn-text [SP warn-date]</c>,
/// several per value separated by commas), as client-go's <c>ParseWarningHeaders</c>. Malformed entries are skipped.
/// </summary>
internal static class WarningHeaders
{
    public static IReadOnlyList<KubernetesWarning> Parse(IEnumerable<string> values)
    {
        var warnings = new List<KubernetesWarning>();
        foreach (var value in values)
        {
            var rest = value.AsSpan();
            while (true)
            {
                rest = rest.TrimStart();
                if (rest.IsEmpty || !TryParseOne(ref rest, out var warning))
                {
                    break;
                }

                warnings.Add(warning);
                rest = rest.TrimStart();
                if (rest.IsEmpty || rest[0] != ',')
                {
                    break;
                }

                rest = rest[1..];
            }
        }

        return warnings;
    }

    private static bool TryParseOne(ref ReadOnlySpan<char> rest, out KubernetesWarning warning)
    {
        warning = null!;
        var space = rest.IndexOf(' ');
        if (space != 3 || !int.TryParse(rest[..3], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        rest = rest[4..];
        space = rest.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        var agent = rest[..space].ToString();
        rest = rest[(space + 1)..];
        if (rest.IsEmpty || rest[0] != '"')
        {
            return false;
        }

        var text = new StringBuilder();
        var i = 1;
        for (; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '\\' && i + 1 < rest.Length)
            {
                text.Append(rest[++i]);
            }
            else if (c == '"')
            {
                break;
            }
            else
            {
                text.Append(c);
            }
        }

        if (i >= rest.Length)
        {
            return false;
        }

        rest = rest[(i + 1)..];

        // An optional quoted warn-date follows; it carries nothing a client needs.
        var trimmed = rest.TrimStart();
        if (!trimmed.IsEmpty && trimmed[0] == '"')
        {
            var close = trimmed[1..].IndexOf('"');
            rest = close < 0 ? [] : trimmed[(close + 2)..];
        }

        warning = new KubernetesWarning(code, agent, text.ToString());
        return true;
    }
}
