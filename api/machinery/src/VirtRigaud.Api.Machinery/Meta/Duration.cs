using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.Duration: a Go duration string (<c>1h30m</c>, <c>90s</c>, <c>1.5h</c>, <c>300ms</c>, <c>-2m</c>), parsed
/// exactly as Go's <c>time.ParseDuration</c> (units ns, us, µs, ms, s, m, h; no days). <see cref="ToString"/> keeps the
/// text as written so objects round-trip unchanged; <see cref="ToGoString"/> prints Go's canonical form (<c>1h30m0s</c>).
/// Precision is Go's: whole nanoseconds; <see cref="Value"/> is in .NET ticks (100 ns).
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly record struct Duration
{
    private readonly string? _original;

    private Duration(long nanoseconds, string? original)
    {
        Nanoseconds = nanoseconds;
        _original = original;
    }

    /// <summary>The duration in nanoseconds, as Go holds it.</summary>
    public long Nanoseconds { get; }

    /// <summary>The duration as a <see cref="TimeSpan"/> (sub-tick nanoseconds are truncated).</summary>
    public TimeSpan Value => TimeSpan.FromTicks(Nanoseconds / 100);

    public static Duration FromTimeSpan(TimeSpan value) => new(value.Ticks * 100, null);

    public static Duration FromNanoseconds(long nanoseconds) => new(nanoseconds, null);

    /// <summary>Parses a Go duration or throws <see cref="FormatException"/> with Go's message.</summary>
    public static Duration Parse(string text) =>
        TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    public static bool TryParse(string text, out Duration duration) => TryParse(text, out duration, out _);

    /// <summary>Parses a Go duration; on failure <paramref name="error"/> is Go's message (<c>time: invalid duration "1d"</c>).</summary>
    public static bool TryParse(string text, out Duration duration, out string error)
    {
        duration = default;
        error = "time: invalid duration " + Quote(text);
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
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
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            // The next character must be [0-9.].
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                return false;
            }

            var start = s.Length;
            if (!TryLeadingInt(ref s, out var whole))
            {
                error = "time: invalid duration " + Quote(text);
                return false;
            }

            var pre = start != s.Length;
            ulong fraction = 0;
            double fractionScale = 1;
            var post = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var before = s.Length;
                LeadingFraction(ref s, out fraction, out fractionScale);
                post = before != s.Length;
            }

            if (!pre && !post)
            {
                return false;
            }

            var unitEnd = 0;
            while (unitEnd < s.Length && s[unitEnd] != '.' && !char.IsAsciiDigit(s[unitEnd]))
            {
                unitEnd++;
            }

            if (unitEnd == 0)
            {
                error = "time: missing unit in duration " + Quote(text);
                return false;
            }

            var unitText = s[..unitEnd].ToString();
            s = s[unitEnd..];
            ulong unit = unitText switch
            {
                "ns" => 1UL,
                "us" or "µs" or "μs" => 1_000UL,
                "ms" => 1_000_000UL,
                "s" => 1_000_000_000UL,
                "m" => 60UL * 1_000_000_000UL,
                "h" => 3600UL * 1_000_000_000UL,
                _ => 0,
            };
            if (unit == 0)
            {
                error = "time: unknown unit " + Quote(unitText) + " in duration " + Quote(text);
                return false;
            }

            if (whole > (1UL << 63) / unit)
            {
                return false;
            }

            var v = whole * unit;
            if (fraction > 0)
            {
                // float64 is needed to be nanosecond accurate for fractions of hours, as in Go.
                v += (ulong)(fraction * (unit / fractionScale));
                if (v > 1UL << 63)
                {
                    return false;
                }
            }

            total += v;
            if (total > 1UL << 63)
            {
                return false;
            }
        }

        if (negative)
        {
            duration = new Duration(-(long)(total - 1) - 1, text);
            return true;
        }

        if (total > (1UL << 63) - 1)
        {
            return false;
        }

        duration = new Duration((long)total, text);
        return true;
    }

    /// <summary>The text as written, or Go's form for a duration built in code.</summary>
    public override string ToString() => _original ?? ToGoString();

    /// <summary>Go's <c>Duration.String()</c>: <c>1h30m0s</c>, <c>1.5s</c>, <c>300ms</c>, <c>0s</c>.</summary>
    public string ToGoString()
    {
        if (Nanoseconds == 0)
        {
            return "0s";
        }

        var negative = Nanoseconds < 0;
        var u = negative ? (ulong)(-(Nanoseconds + 1)) + 1 : (ulong)Nanoseconds;
        var sb = new StringBuilder();
        if (u < 1_000_000_000UL)
        {
            // Sub-second: use the largest unit that keeps a whole leading digit.
            string unit;
            int precision;
            if (u < 1_000UL)
            {
                return (negative ? "-" : "") + u.ToString(CultureInfo.InvariantCulture) + "ns";
            }
            else if (u < 1_000_000UL)
            {
                unit = "µs";
                precision = 3;
            }
            else
            {
                unit = "ms";
                precision = 6;
            }

            sb.Append(FormatFraction(u, precision)).Append(unit);
        }
        else
        {
            var seconds = FormatFraction(u % 60_000_000_000UL, 9);
            var minutesTotal = u / 60_000_000_000UL;
            if (minutesTotal > 0)
            {
                var hours = minutesTotal / 60;
                var minutes = minutesTotal % 60;
                if (hours > 0)
                {
                    sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
                }

                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            sb.Append(seconds).Append('s');
        }

        return (negative ? "-" : "") + sb;
    }

    private static string FormatFraction(ulong value, int precision)
    {
        ulong pow = 1;
        for (var i = 0; i < precision; i++)
        {
            pow *= 10;
        }

        var whole = value / pow;
        var frac = value % pow;
        if (frac == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }

        var digits = frac.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
        return whole.ToString(CultureInfo.InvariantCulture) + "." + digits;
    }

    private static bool TryLeadingInt(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (value > (1UL << 63) / 10)
            {
                return false;
            }

            value = (value * 10) + (ulong)(s[i] - '0');
            if (value > 1UL << 63)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

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

            if (value > ((1UL << 63) - 1) / 10)
            {
                overflow = true;
                continue;
            }

            var y = (value * 10) + (ulong)(s[i] - '0');
            if (y > 1UL << 63)
            {
                overflow = true;
                continue;
            }

            value = y;
            scale *= 10;
        }

        s = s[i..];
    }

    private static string Quote(string s) => "\"" + s + "\"";
}
