using System.Globalization;
using System.Text;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// Go's ways of quoting a string in error messages, so that our messages are the ones Kubernetes users know.
/// </summary>
internal static class GoText
{
    /// <summary>
    /// The time package's private <c>quote</c>: ASCII as is (<c>"</c> and <c>\</c> escaped); control characters and
    /// every non-ASCII character as the <c>\xNN</c> escapes of its UTF-8 bytes (<c>"µ"</c> → <c>"\xc2\xb5"</c>).
    /// </summary>
    public static string TimeQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value is >= 0x80 or < ' ')
            {
                var written = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..written])
                {
                    sb.Append(@"\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                if (rune.Value is '"' or '\\')
                {
                    sb.Append('\\');
                }

                sb.Append((char)rune.Value);
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// <c>strconv.Quote</c> (<c>%q</c>): printable characters as is, <c>"</c> and <c>\</c> escaped, the usual
    /// <c>\n</c>-style escapes, other non-printable characters as <c>\xNN</c>, <c>\uNNNN</c> or <c>\UNNNNNNNN</c>.
    /// </summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append(@"\\"); continue;
                case '\a': sb.Append(@"\a"); continue;
                case '\b': sb.Append(@"\b"); continue;
                case '\f': sb.Append(@"\f"); continue;
                case '\n': sb.Append(@"\n"); continue;
                case '\r': sb.Append(@"\r"); continue;
                case '\t': sb.Append(@"\t"); continue;
                case '\v': sb.Append(@"\v"); continue;
            }

            if (IsPrint(rune))
            {
                sb.Append(rune.ToString());
            }
            else if (rune.Value < ' ' || rune.Value == 0x7f)
            {
                sb.Append(@"\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (rune.Value < 0x10000)
            {
                sb.Append(@"\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(@"\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        return sb.Append('"').ToString();
    }

    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };
}
