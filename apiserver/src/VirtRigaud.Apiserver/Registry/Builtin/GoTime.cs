using System.Globalization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// Go's <c>time.Parse</c> for the two layouts Kubernetes times use in JSON, with Go's error messages, and their
/// canonical output (UTC):
/// <list type="table">
/// <item><term>metav1.Time</term><description>layout <c>2006-01-02T15:04:05Z07:00</c> (RFC 3339; fractional seconds
/// accepted and dropped), written <c>2024-05-01T10:00:00Z</c></description></item>
/// <item><term>metav1.MicroTime</term><description>layout <c>2006-01-02T15:04:05.000000Z07:00</c>: exactly six
/// fractional digits required, written <c>2024-05-01T10:00:00.123456Z</c></description></item>
/// </list>
/// Pure.
/// </summary>
internal static class GoTime
{
    public const string TimeLayout = "2006-01-02T15:04:05Z07:00";
    public const string MicroTimeLayout = "2006-01-02T15:04:05.000000Z07:00";

    /// <summary>Parses <paramref name="value"/>; false with Go's ParseError text in <paramref name="error"/> otherwise.</summary>
    public static bool TryParse(string value, bool micro, out DateTimeOffset time, out string error)
    {
        var layout = micro ? MicroTimeLayout : TimeLayout;
        time = default;
        var rest = value;
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
        string? failedValue = null, failedLayout = null;
        _ = Step(ref rest, "", 4, "2006", ref year, ref failedValue, ref failedLayout)
            && Step(ref rest, "-", 2, "01", ref month, ref failedValue, ref failedLayout)
            && Step(ref rest, "-", 2, "02", ref day, ref failedValue, ref failedLayout)
            && Step(ref rest, "T", 2, "15", ref hour, ref failedValue, ref failedLayout)
            && Step(ref rest, ":", 2, "04", ref minute, ref failedValue, ref failedLayout)
            && Step(ref rest, ":", 2, "05", ref second, ref failedValue, ref failedLayout);
        if (failedLayout is not null)
        {
            return Fail(value, layout, failedValue!, failedLayout, out error);
        }

        long ticks = 0;
        if (micro)
        {
            // stdFracSecond0: exactly the layout's number of digits.
            if (rest.Length < 7 || rest[0] != '.' || !AllDigits(rest.AsSpan(1, 6)))
            {
                return Fail(value, layout, rest, ".000000", out error);
            }

            ticks = long.Parse(rest.AsSpan(1, 6), NumberStyles.None, CultureInfo.InvariantCulture) * 10;
            rest = rest[7..];
        }
        else if (rest.Length > 1 && rest[0] is '.' or ',' && char.IsAsciiDigit(rest[1]))
        {
            // A fractional second the layout does not mention is accepted (and kept until the value is written).
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            var fraction = rest[1..digits].PadRight(7, '0')[..7];
            ticks = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
            rest = rest[digits..];
        }

        TimeSpan offset;
        if (rest.StartsWith('Z'))
        {
            offset = TimeSpan.Zero;
            rest = rest[1..];
        }
        else if (rest.Length >= 6 && rest[0] is '+' or '-' && rest[3] == ':'
            && AllDigits(rest.AsSpan(1, 2)) && AllDigits(rest.AsSpan(4, 2)))
        {
            var hours = int.Parse(rest.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var minutes = int.Parse(rest.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (hours > 24 || minutes > 60)
            {
                error = $"parsing time {FieldError.Quote(value)}: time zone offset out of range";
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0) * (rest[0] == '-' ? -1 : 1);
            rest = rest[6..];
        }
        else
        {
            return Fail(value, layout, rest, "Z07:00", out error);
        }

        if (rest.Length > 0)
        {
            error = $"parsing time {FieldError.Quote(value)}: extra text: {FieldError.Quote(rest)}";
            return false;
        }

        var range = month is < 1 or > 12 ? "month"
            : day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month) ? "day"
            : hour > 23 ? "hour"
            : minute > 59 ? "minute"
            : second > 59 ? "second"
            : year == 0 ? "year"
            : null;
        if (range is not null)
        {
            error = $"parsing time {FieldError.Quote(value)}: {range} out of range";
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks).ToUniversalTime();
        error = "";
        return true;
    }

    /// <summary>The JSON text of a time (UTC): seconds precision for Time, six fractional digits for MicroTime.</summary>
    public static string Format(DateTimeOffset time, bool micro) =>
        time.UtcDateTime.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether a time is Go's zero time (January 1, year 1, 00:00:00 UTC), which metav1 writes as null.</summary>
    public static bool IsZero(DateTimeOffset time) => time.UtcTicks == DateTimeOffset.MinValue.UtcTicks;

    /// <summary>
    /// One layout chunk: a literal prefix, then a number of exactly <paramref name="digits"/> digits. On failure records
    /// what Go's ParseError names: the prefix and the value where it failed, or the number's layout element and the
    /// value from there.
    /// </summary>
    private static bool Step(ref string rest, string prefix, int digits, string layoutElement, ref int value, ref string? failedValue, ref string? failedLayout)
    {
        if (!rest.StartsWith(prefix, StringComparison.Ordinal))
        {
            (failedValue, failedLayout) = (rest, prefix);
            return false;
        }

        rest = rest[prefix.Length..];
        if (rest.Length < digits || !AllDigits(rest.AsSpan(0, digits)))
        {
            (failedValue, failedLayout) = (rest, layoutElement);
            return false;
        }

        value = int.Parse(rest.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture);
        rest = rest[digits..];
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Fail(string value, string layout, string valueElement, string layoutElement, out string error)
    {
        error = $"parsing time {FieldError.Quote(value)} as {FieldError.Quote(layout)}: cannot parse {FieldError.Quote(valueElement)} as {FieldError.Quote(layoutElement)}";
        return false;
    }
}
