using System.Globalization;

namespace VirtRigaud.Api.Machinery.Serialization;

/// <summary>
/// RFC 3339 times as Kubernetes writes and reads them. metav1.Time is written in UTC with whole seconds
/// (<c>2025-03-01T10:00:00Z</c>; a fraction is truncated, not rounded), metav1.MicroTime with exactly six fractional
/// digits (<c>2025-03-01T10:00:00.123456Z</c>).
/// <para>
/// Parsing follows RFC 3339 §5.6: <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c>, with <c>t</c> and <c>z</c> also
/// accepted (RFC 3339 allows lower case; Go does not). The offset is required; dates and times must exist (no
/// February 30th, no hour 24, no leap second 60, as Go). Fractions may have any number of digits; digits beyond
/// .NET's 100 ns ticks are truncated (Go keeps nanoseconds). Offsets beyond ±14:00, which
/// <see cref="DateTimeOffset"/> cannot hold, are converted to UTC; times outside .NET's years 1–9999 are rejected.
/// </para>
/// </summary>
public static class Rfc3339
{
    private const int TicksPerSecondDigits = 7;

    private static readonly long MaxOffsetTicks = TimeSpan.FromHours(14).Ticks;

    /// <summary>metav1.Time form: UTC, whole seconds (fractions are truncated, as Go's marshaller does).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>metav1.MicroTime form: UTC with exactly six fractional digits (truncated).</summary>
    public static string FormatMicro(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 3339 date-time, keeping its offset; <c>Z</c>, <c>z</c> or a numeric offset is required.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan();
        if (s.Length < "2006-01-02T15:04:05Z".Length
            || !TryDigits(s[0..4], out var year) || s[4] != '-'
            || !TryDigits(s[5..7], out var month) || s[7] != '-'
            || !TryDigits(s[8..10], out var day) || s[10] is not ('T' or 't')
            || !TryDigits(s[11..13], out var hour) || s[13] != ':'
            || !TryDigits(s[14..16], out var minute) || s[16] != ':'
            || !TryDigits(s[17..19], out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var pos = 19;
        long fractionTicks = 0;
        if (s[pos] == '.')
        {
            var start = ++pos;
            for (; pos < s.Length && char.IsAsciiDigit(s[pos]); pos++)
            {
                if (pos - start < TicksPerSecondDigits)
                {
                    fractionTicks = (fractionTicks * 10) + (s[pos] - '0');
                }
            }

            if (pos == start)
            {
                return false;
            }

            for (var digits = pos - start; digits < TicksPerSecondDigits; digits++)
            {
                fractionTicks *= 10;
            }
        }

        var zone = s[pos..];
        long offsetTicks;
        if (zone is "Z" or "z")
        {
            offsetTicks = 0;
        }
        else if (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':'
            && TryDigits(zone[1..3], out var offsetHours) && offsetHours <= 23
            && TryDigits(zone[4..6], out var offsetMinutes) && offsetMinutes <= 59)
        {
            offsetTicks = new TimeSpan(offsetHours, offsetMinutes, 0).Ticks * (zone[0] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = localTicks - offsetTicks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = Math.Abs(offsetTicks) <= MaxOffsetTicks
            ? new DateTimeOffset(localTicks, TimeSpan.FromTicks(offsetTicks))
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Parses an RFC 3339 date-time or throws <see cref="FormatException"/>.</summary>
    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"\"{text}\" is not an RFC 3339 date-time such as \"2025-03-01T10:00:00Z\"");

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
