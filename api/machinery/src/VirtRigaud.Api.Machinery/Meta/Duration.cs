using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.Duration: a Go duration string (<c>1h30m</c>, <c>90s</c>, <c>1.5h</c>, <c>300ms</c>, <c>-2m</c>), parsed
/// exactly as Go's <c>time.ParseDuration</c>: an optional sign, then one or more decimal numbers (<c>5</c>, <c>5.</c>,
/// <c>.5</c>, <c>5.5</c>) each followed by a unit (ns, us, µs, μs, ms, s, m, h; no days); a bare <c>0</c> needs no
/// unit. Precision is Go's: whole nanoseconds in an int64.
/// <para>
/// <see cref="ToString"/> keeps the text as written so objects round-trip unchanged (what JSON carries);
/// <see cref="ToGoString"/> prints Go's canonical form (<c>1h30m0s</c>). Equality and ordering are by length of time:
/// <c>60s</c> equals <c>1m</c>. <c>default</c> is zero and prints <c>0s</c>.
/// </para>
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly record struct Duration : IComparable<Duration>
{
    private const ulong Overflow = 1UL << 63;

    private readonly string? _original;

    private Duration(long nanoseconds, string? original)
    {
        Nanoseconds = nanoseconds;
        _original = original;
    }

    /// <summary>The duration in nanoseconds, as Go holds it.</summary>
    public long Nanoseconds { get; }

    /// <summary>The duration as a <see cref="TimeSpan"/> (sub-tick nanoseconds are truncated towards zero).</summary>
    public TimeSpan Value => TimeSpan.FromTicks(Nanoseconds / 100);

    /// <summary>A duration of <paramref name="value"/>; <see cref="OverflowException"/> beyond about ±292 years.</summary>
    public static Duration FromTimeSpan(TimeSpan value) => new(checked(value.Ticks * 100), null);

    public static Duration FromNanoseconds(long nanoseconds) => new(nanoseconds, null);

    /// <summary>Parses a Go duration or throws <see cref="FormatException"/> with Go's message.</summary>
    public static Duration Parse(string text) =>
        TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    public static bool TryParse(string text, out Duration duration) => TryParse(text, out duration, out _);

    /// <summary>
    /// Parses a Go duration; on failure <paramref name="error"/> is Go's message: <c>time: invalid duration "x"</c>,
    /// <c>time: missing unit in duration "1"</c> or <c>time: unknown unit "d" in duration "1d"</c>.
    /// </summary>
    public static bool TryParse(string text, out Duration duration, out string error)
    {
        duration = default;
        error = "";
        var s = text.AsSpan();
        var negative = false;
        if (!s.IsEmpty && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            duration = new Duration(0, text);
            return true;
        }

        if (s.IsEmpty)
        {
            error = Invalid(text);
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                error = Invalid(text);
                return false;
            }

            var before = s.Length;
            if (!TryLeadingInt(ref s, out var whole))
            {
                error = Invalid(text);
                return false;
            }

            var pre = before != s.Length;
            ulong fraction = 0;
            double fractionScale = 1;
            var post = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                before = s.Length;
                LeadingFraction(ref s, out fraction, out fractionScale);
                post = before != s.Length;
            }

            if (!pre && !post)
            {
                // No digits at all, as in ".s" or "-.s".
                error = Invalid(text);
                return false;
            }

            // The unit runs up to the next '.' or digit, so "1h 30m" has the unit "h ".
            var unitEnd = 0;
            while (unitEnd < s.Length && s[unitEnd] != '.' && !char.IsAsciiDigit(s[unitEnd]))
            {
                unitEnd++;
            }

            if (unitEnd == 0)
            {
                error = "time: missing unit in duration " + GoText.TimeQuote(text);
                return false;
            }

            var unitText = s[..unitEnd];
            s = s[unitEnd..];
            var unit = UnitNanoseconds(unitText);
            if (unit == 0)
            {
                error = "time: unknown unit " + GoText.TimeQuote(unitText.ToString()) + " in duration " + GoText.TimeQuote(text);
                return false;
            }

            if (whole > Overflow / unit)
            {
                error = Invalid(text);
                return false;
            }

            var v = whole * unit;
            if (fraction > 0)
            {
                // float64, as in Go: nanosecond-accurate for fractions of hours, and the same rounding as Go.
                v += (ulong)(fraction * (unit / fractionScale));
                if (v > Overflow)
                {
                    error = Invalid(text);
                    return false;
                }
            }

            // Go's uint64 sum wraps like ours, so even its overflow quirks are the same.
            total += v;
            if (total > Overflow)
            {
                error = Invalid(text);
                return false;
            }
        }

        if (negative)
        {
            duration = new Duration(unchecked(-(long)total), text);
            return true;
        }

        if (total > long.MaxValue)
        {
            error = Invalid(text);
            return false;
        }

        duration = new Duration((long)total, text);
        return true;
    }

    /// <summary>The text as written, or Go's form for a duration built in code.</summary>
    public override string ToString() => _original ?? ToGoString();

    /// <summary>
    /// Go's <c>Duration.String()</c>: <c>1h30m0s</c>, <c>1m30s</c>, <c>1.5s</c>, <c>1.234ms</c>, <c>1µs</c> (U+00B5),
    /// <c>1ns</c>, <c>0s</c>, <c>-1m0s</c>. Hours are the largest unit.
    /// </summary>
    public string ToGoString()
    {
        if (Nanoseconds == 0)
        {
            return "0s";
        }

        var negative = Nanoseconds < 0;
        var u = negative ? unchecked((ulong)-Nanoseconds) : (ulong)Nanoseconds;
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (u < 1_000_000_000UL)
        {
            // Under a second: the largest of ns, µs, ms that keeps a whole leading number, with a fraction.
            var (precision, unit) = u switch
            {
                < 1_000UL => (0, "ns"),
                < 1_000_000UL => (3, "µs"),
                _ => (6, "ms"),
            };
            AppendFraction(sb, u, precision);
            return sb.Append(unit).ToString();
        }

        var minutes = u / 60_000_000_000UL;
        if (minutes >= 60)
        {
            sb.Append((minutes / 60).ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (minutes > 0)
        {
            sb.Append((minutes % 60).ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        AppendFraction(sb, u % 60_000_000_000UL, 9);
        return sb.Append('s').ToString();
    }

    /// <summary>Equal when the lengths of time are equal, however they were written.</summary>
    public bool Equals(Duration other) => Nanoseconds == other.Nanoseconds;

    public override int GetHashCode() => Nanoseconds.GetHashCode();

    public int CompareTo(Duration other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <(Duration left, Duration right) => left.Nanoseconds < right.Nanoseconds;

    public static bool operator >(Duration left, Duration right) => left.Nanoseconds > right.Nanoseconds;

    public static bool operator <=(Duration left, Duration right) => left.Nanoseconds <= right.Nanoseconds;

    public static bool operator >=(Duration left, Duration right) => left.Nanoseconds >= right.Nanoseconds;

    private static ulong UnitNanoseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1UL,
        "us" or "\u00b5s" or "\u03bcs" => 1_000UL,
        "ms" => 1_000_000UL,
        "s" => 1_000_000_000UL,
        "m" => 60_000_000_000UL,
        "h" => 3_600_000_000_000UL,
        _ => 0UL,
    };

    private static string Invalid(string text) => "time: invalid duration " + GoText.TimeQuote(text);

    /// <summary>value / 10^precision with the fraction's trailing zeros (and a bare '.') left out, as Go's fmtFrac/fmtInt.</summary>
    private static void AppendFraction(StringBuilder sb, ulong value, int precision)
    {
        ulong pow = 1;
        for (var i = 0; i < precision; i++)
        {
            pow *= 10;
        }

        sb.Append((value / pow).ToString(CultureInfo.InvariantCulture));
        var fraction = value % pow;
        if (fraction != 0)
        {
            var digits = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
            sb.Append('.').Append(digits);
        }
    }

    /// <summary>Go's leadingInt: consumes [0-9]*, failing on values above 2^63.</summary>
    private static bool TryLeadingInt(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (value > Overflow / 10)
            {
                return false;
            }

            value = (value * 10) + (ulong)(s[i] - '0');
            if (value > Overflow)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

    /// <summary>Go's leadingFraction: consumes [0-9]*, silently dropping precision it cannot hold.</summary>
    private static void LeadingFraction(ref ReadOnlySpan<char> s, out ulong value, out double scale)
    {
        value = 0;
        scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            if (value > (Overflow - 1) / 10)
            {
                overflow = true;
                continue;
            }

            var y = (value * 10) + (ulong)(s[i] - '0');
            if (y > Overflow)
            {
                overflow = true;
                continue;
            }

            value = y;
            scale *= 10;
        }

        s = s[i..];
    }
}
