using System.Globalization;
using System.Numerics;

namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// The exact value of a JSON number literal, normalized so that equal values are equal structs: <c>1</c>, <c>1.0</c>,
/// <c>1e0</c> and <c>10E-1</c> are one value, and so are <c>0</c> and <c>-0.0</c>. Never goes through
/// <see cref="double"/>, so 2^63 and 2^63+1, or 0.1 and 0.10000000000000001, stay distinct.
/// </summary>
/// <remarks>
/// The value is <c>(negative ? -1 : 1) × digits × 10^exponent</c> where <c>digits</c> has neither leading nor trailing
/// zeros; zero is the empty digit string with exponent 0 and no sign. The exponent is a <see cref="BigInteger"/>
/// because a literal such as <c>1e99999999999999999999</c> is valid JSON.
/// </remarks>
internal readonly struct JsonNumber : IEquatable<JsonNumber>
{
    private readonly bool _negative;
    private readonly string _digits;
    private readonly BigInteger _exponent;

    private JsonNumber(bool negative, string digits, BigInteger exponent)
    {
        _negative = negative;
        _digits = digits;
        _exponent = exponent;
    }

    /// <summary>
    /// Parses a number in JSON's grammar (<c>-?digits(.digits)?([eE][+-]?digits)?</c>), tolerating leading zeros in the
    /// integer part, which some writers emit and which do not change the value.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out JsonNumber number)
    {
        number = default;
        var i = 0;
        var negative = i < text.Length && text[i] == '-';
        if (negative)
        {
            i++;
        }

        var intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var intPart = text[intStart..i];
        if (intPart.IsEmpty)
        {
            return false;
        }

        var fracPart = ReadOnlySpan<char>.Empty;
        if (i < text.Length && text[i] == '.')
        {
            var fracStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            fracPart = text[fracStart..i];
            if (fracPart.IsEmpty)
            {
                return false;
            }
        }

        var exponent = BigInteger.Zero;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var expNegative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                expNegative = text[i] == '-';
                i++;
            }

            var expStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == expStart)
            {
                return false;
            }

            exponent = BigInteger.Parse(text[expStart..i], NumberStyles.None, CultureInfo.InvariantCulture);
            if (expNegative)
            {
                exponent = -exponent;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        // digits = intPart ++ fracPart, value = digits × 10^(exponent − |fracPart|), then strip zeros at both ends.
        Span<char> digits = intPart.Length + fracPart.Length <= 256 ? stackalloc char[intPart.Length + fracPart.Length] : new char[intPart.Length + fracPart.Length];
        intPart.CopyTo(digits);
        fracPart.CopyTo(digits[intPart.Length..]);
        exponent -= fracPart.Length;

        var start = 0;
        while (start < digits.Length && digits[start] == '0')
        {
            start++;
        }

        if (start == digits.Length)
        {
            number = new JsonNumber(false, "", BigInteger.Zero);
            return true;
        }

        var end = digits.Length;
        while (digits[end - 1] == '0')
        {
            end--;
        }

        exponent += digits.Length - end;
        number = new JsonNumber(negative, new string(digits[start..end]), exponent);
        return true;
    }

    public bool Equals(JsonNumber other) =>
        _negative == other._negative &&
        string.Equals(_digits, other._digits, StringComparison.Ordinal) &&
        _exponent == other._exponent;

    public override bool Equals(object? obj) => obj is JsonNumber n && Equals(n);

    public override int GetHashCode() => HashCode.Combine(_negative, StringComparer.Ordinal.GetHashCode(_digits ?? ""), _exponent);
}
