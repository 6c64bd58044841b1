using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// intstr.IntOrString: a JSON integer (32-bit) or string, e.g. a port (<c>8080</c> / <c>"http"</c>) or an amount that
/// may be a percentage (<c>1</c> / <c>"25%"</c>). <c>default</c> is the integer 0, as Go's zero value. Equality is
/// by kind and value: <c>1</c> and <c>"1"</c> differ.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int intValue, string? stringValue)
    {
        IntValue = intValue;
        StringValue = stringValue;
    }

    /// <summary>Whether this holds an integer (otherwise a string).</summary>
    public bool IsInt => StringValue is null;

    /// <summary>The integer value (0 when this holds a string; Go's <c>IntValue()</c> would run Atoi on the string).</summary>
    public int IntValue { get; }

    /// <summary>The string value, or <c>null</c> when this holds an integer.</summary>
    public string? StringValue { get; }

    /// <summary>Whether this is a string that <see cref="GetScaledValue"/> accepts: an integer and <c>%</c> (<c>"25%"</c>, <c>"-5%"</c>).</summary>
    public bool IsPercent => StringValue is { } s && s.EndsWith('%') && TryAtoi(s.AsSpan(0, s.Length - 1), out _, out _);

    public static IntOrString FromInt(int value) => new(value, null);

    public static IntOrString FromString(string value) => new(0, value);

    public static implicit operator IntOrString(int value) => FromInt(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// Resolves an integer or a percentage against <paramref name="total"/>, as intstr.GetScaledValueFromIntOrPercent:
    /// an integer is returned as is; <c>"25%"</c> of 10 is 3 rounding up and 2 rounding down (computed in float64 as Go
    /// does). Throws <see cref="FormatException"/> with Kubernetes' message for a string without <c>%</c>
    /// (<c>invalid value for IntOrString: invalid type: string is not a percentage</c>) or a malformed percentage
    /// (<c>invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax</c>), and
    /// <see cref="OverflowException"/> when the result does not fit an int.
    /// </summary>
    public int GetScaledValue(int total, bool roundUp) =>
        TryGetScaledValue(total, roundUp, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary><see cref="GetScaledValue"/> without the exception: on failure <paramref name="error"/> is Kubernetes' message.</summary>
    public bool TryGetScaledValue(int total, bool roundUp, out int value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        error = null;
        if (StringValue is not { } s)
        {
            value = IntValue;
            return true;
        }

        if (!s.EndsWith('%'))
        {
            error = "invalid value for IntOrString: invalid type: string is not a percentage";
            return false;
        }

        if (!TryAtoi(s.AsSpan(0, s.Length - 1), out var percent, out var atoiError))
        {
            error = $"invalid value for IntOrString: invalid value {GoText.Quote(s)}: {atoiError}";
            return false;
        }

        // float64 arithmetic, exactly as Go: percent * total / 100, then ceil or floor.
        var scaled = (double)percent * total / 100;
        value = checked((int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled)));
        return true;
    }

    public override string ToString() => StringValue ?? IntValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>strconv.Atoi on a 64-bit platform: optional sign, ASCII digits, int64 range; Go's error text.</summary>
    private static bool TryAtoi(ReadOnlySpan<char> s, out long value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        error = null;
        var digits = s;
        var negative = false;
        if (!digits.IsEmpty && digits[0] is '+' or '-')
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }

        if (digits.IsEmpty)
        {
            error = AtoiError(s, "invalid syntax");
            return false;
        }

        // Accumulate the magnitude; 2^63 is allowed so that the most negative int64 parses.
        ulong magnitude = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                error = AtoiError(s, "invalid syntax");
                return false;
            }

            // strconv.ParseUint's checks, in its order: an invalid digit is a syntax error, an overflow of uint64 a
            // range error, whichever comes first.
            if (magnitude >= (ulong.MaxValue / 10) + 1)
            {
                error = AtoiError(s, "value out of range");
                return false;
            }

            var next = (magnitude * 10) + (ulong)(c - '0');
            if (next < magnitude * 10)
            {
                error = AtoiError(s, "value out of range");
                return false;
            }

            magnitude = next;
        }

        if (magnitude > (negative ? 1UL << 63 : long.MaxValue))
        {
            error = AtoiError(s, "value out of range");
            return false;
        }

        value = negative ? unchecked(-(long)magnitude) : (long)magnitude;
        return true;
    }

    private static string AtoiError(ReadOnlySpan<char> s, string reason) => $"strconv.Atoi: parsing {GoText.Quote(s.ToString())}: {reason}";
}
