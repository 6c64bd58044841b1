using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Resource;

/// <summary>
/// resource.Quantity: a fixed-point number with a suffix, parsed, compared and canonicalized exactly as
/// k8s.io/apimachinery does (<c>1Gi</c>, <c>1536Mi</c>, <c>500m</c>, <c>1e3</c>, <c>0.5</c>).
/// <para>
/// The value is held exactly as <c>unscaled × 10^-scale</c> (like inf.Dec), rounded up to nano units as Kubernetes
/// does. <see cref="ToString"/> returns the text the quantity was written with, so an object round-trips unchanged
/// (what a CRD-backed server does); <see cref="ToCanonicalString"/> gives the form a built-in Kubernetes type would
/// store (<c>1024Mi</c> → <c>1Gi</c>, <c>0.5</c> → <c>500m</c>).
/// </para>
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public sealed class Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    /// <summary>The <c>pattern</c> the OpenAPI schema of a quantity carries (as controller-gen writes it).</summary>
    public const string Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    /// <summary>The smallest unit Kubernetes keeps: values are rounded up to a multiple of 10^-9.</summary>
    private const int NanoScale = 9;

    private static readonly BigInteger s_maxAllowed = new(long.MaxValue);

    private readonly BigInteger _unscaled;
    private readonly int _scale;
    private readonly string? _original;

    private Quantity(BigInteger unscaled, int scale, QuantityFormat format, string? original)
    {
        (_unscaled, _scale) = Normalize(unscaled, scale);
        Format = format;
        _original = original;
    }

    /// <summary>The format the canonical form uses.</summary>
    public QuantityFormat Format { get; }

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => _unscaled.IsZero;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _unscaled.Sign;

    /// <summary>A quantity from an integer, in the given format (Kubernetes' <c>NewQuantity</c>).</summary>
    public static Quantity FromInt64(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value, 0, format, null);

    /// <summary>A quantity of <paramref name="value"/> × 10^-3 (Kubernetes' <c>NewMilliQuantity</c>).</summary>
    public static Quantity FromMilli(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value, 3, format, null);

    /// <summary>A quantity of <paramref name="value"/> × 10^<paramref name="exponent"/> (Kubernetes' <c>NewScaledQuantity</c>).</summary>
    public static Quantity FromScaled(long value, int exponent) => new(value, -exponent, QuantityFormat.DecimalSI, null);

    /// <summary>Parses a quantity or throws <see cref="FormatException"/> with Kubernetes' message.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var q, out var error) ? q : throw new FormatException(error);

    /// <summary>Parses a quantity; leading and trailing whitespace are not allowed.</summary>
    public static bool TryParse(string text, out Quantity quantity) => TryParse(text, out quantity, out _);

    /// <summary>Parses a quantity, returning Kubernetes' error text on failure.</summary>
    public static bool TryParse(string text, out Quantity quantity, out string error)
    {
        quantity = null!;
        error = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
        if (text.Length == 0)
        {
            return false;
        }

        // sign, integer digits, optional '.', fraction digits, suffix (Kubernetes' parseQuantityString).
        var pos = 0;
        var positive = true;
        if (text[pos] is '+' or '-')
        {
            positive = text[pos] == '+';
            pos++;
        }

        var intStart = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        var integer = text[intStart..pos];
        var fraction = "";
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            var fracStart = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            fraction = text[fracStart..pos];
        }

        if (integer.Length == 0 && fraction.Length == 0)
        {
            return false;
        }

        var suffix = text[pos..];
        if (!TryInterpretSuffix(suffix, out var numBase, out var exponent, out var format))
        {
            error = "unable to parse quantity's suffix";
            return false;
        }

        var unscaled = BigInteger.Parse(integer.Length + fraction.Length == 0 ? "0" : integer + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        var scale = fraction.Length;
        if (numBase == 10)
        {
            scale -= exponent;
        }
        else
        {
            unscaled <<= exponent;
        }

        // Non-zero values are rounded up to the smallest representable amount (1n).
        if (!unscaled.IsZero && scale > NanoScale)
        {
            var divisor = BigInteger.Pow(10, scale - NanoScale);
            var quotient = BigInteger.DivRem(unscaled, divisor, out var remainder);
            unscaled = remainder.IsZero ? quotient : quotient + 1;
            scale = NanoScale;
        }

        if (format == QuantityFormat.BinarySI)
        {
            var asInteger = scale >= 0 ? unscaled / BigInteger.Pow(10, scale) : unscaled * BigInteger.Pow(10, -scale);
            if (asInteger > s_maxAllowed || (asInteger == s_maxAllowed && scale > 0 && !(unscaled % BigInteger.Pow(10, scale)).IsZero))
            {
                unscaled = s_maxAllowed;
                scale = 0;
            }

            if (Compare(unscaled, scale, 1024, 0) < 0)
            {
                format = QuantityFormat.DecimalSI;
            }
        }

        quantity = new Quantity(positive ? unscaled : -unscaled, scale, format, text);
        return true;
    }

    /// <summary>The value rounded up to an integer (Kubernetes' <c>Value()</c>); saturates at the int64 limits.</summary>
    public long Value() => ScaledValue(0);

    /// <summary>The value × 1000 rounded up (Kubernetes' <c>MilliValue()</c>).</summary>
    public long MilliValue() => ScaledValue(-3);

    /// <summary>The value in units of 10^<paramref name="exponent"/>, rounded up (away from zero for positives, towards zero for negatives, as inf.RoundUp).</summary>
    public long ScaledValue(int exponent)
    {
        var shift = -exponent - _scale; // number of decimal places to multiply by
        BigInteger result;
        if (shift >= 0)
        {
            result = _unscaled * BigInteger.Pow(10, shift);
        }
        else
        {
            var divisor = BigInteger.Pow(10, -shift);
            result = BigInteger.DivRem(_unscaled, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                result += _unscaled.Sign; // round away from zero, as inf.RoundUp does
            }
        }

        return result > long.MaxValue ? long.MaxValue : result < long.MinValue ? long.MinValue : (long)result;
    }

    /// <summary>The value as a double (for display and ratios only).</summary>
    public double ToDouble() => (double)_unscaled / Math.Pow(10, _scale);

    /// <summary>The text the quantity was written with, or its canonical form when built in code.</summary>
    public override string ToString() => _original ?? ToCanonicalString();

    /// <summary>The canonical form Kubernetes marshals: <c>1024Mi</c> → <c>1Gi</c>, <c>1000</c> → <c>1k</c>, <c>0.5</c> → <c>500m</c>.</summary>
    public string ToCanonicalString()
    {
        if (IsZero)
        {
            return "0";
        }

        var format = Format;
        if (format == QuantityFormat.BinarySI)
        {
            // Values in (-1024, 1024) and values that are not whole numbers are shown in DecimalSI.
            if (Compare(BigInteger.Abs(_unscaled), _scale, 1024, 0) < 0 || _scale > 0)
            {
                format = QuantityFormat.DecimalSI;
            }
        }

        if (format == QuantityFormat.BinarySI)
        {
            var integer = _unscaled * BigInteger.Pow(10, -_scale);
            var exponent = 0;
            while (exponent < 60 && !integer.IsZero && (BigInteger.Abs(integer) % 1024).IsZero && BigInteger.Abs(integer) >= 1024)
            {
                integer /= 1024;
                exponent += 10;
            }

            return integer.ToString(CultureInfo.InvariantCulture) + BinarySuffix(exponent);
        }

        // Move all factors of ten into the exponent, then make the exponent a multiple of three.
        var amount = _unscaled;
        var exp = -_scale;
        while (!amount.IsZero && (amount % 10).IsZero)
        {
            amount /= 10;
            exp++;
        }

        while (exp % 3 != 0)
        {
            amount *= 10;
            exp--;
        }

        var number = amount.ToString(CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalExponent)
        {
            return exp == 0 ? number : number + "e" + exp.ToString(CultureInfo.InvariantCulture);
        }

        var decimalSuffix = DecimalSuffix(exp);
        return decimalSuffix is null
            ? number + "e" + exp.ToString(CultureInfo.InvariantCulture)
            : number + decimalSuffix;
    }

    public int CompareTo(Quantity? other) => other is null ? 1 : Compare(_unscaled, _scale, other._unscaled, other._scale);

    /// <summary>Value equality: <c>1Gi</c> equals <c>1024Mi</c>.</summary>
    public bool Equals(Quantity? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    public override int GetHashCode() => HashCode.Combine(_unscaled, _scale);

    public static bool operator ==(Quantity? left, Quantity? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Quantity? left, Quantity? right) => !(left == right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The sum, in this quantity's format.</summary>
    public Quantity Add(Quantity other)
    {
        var scale = Math.Max(_scale, other._scale);
        var sum = Rescale(_unscaled, _scale, scale) + Rescale(other._unscaled, other._scale, scale);
        return new Quantity(sum, scale, Format, null);
    }

    /// <summary>The difference, in this quantity's format.</summary>
    public Quantity Subtract(Quantity other) => Add(other.Negate());

    /// <summary>The negated value.</summary>
    public Quantity Negate() => new(-_unscaled, _scale, Format, null);

    private static BigInteger Rescale(BigInteger unscaled, int from, int to) => unscaled * BigInteger.Pow(10, to - from);

    private static int Compare(BigInteger a, int aScale, BigInteger b, int bScale)
    {
        var scale = Math.Max(aScale, bScale);
        return Rescale(a, aScale, scale).CompareTo(Rescale(b, bScale, scale));
    }

    private static (BigInteger Unscaled, int Scale) Normalize(BigInteger unscaled, int scale)
    {
        if (unscaled.IsZero)
        {
            return (BigInteger.Zero, 0);
        }

        while (scale > 0 && (unscaled % 10).IsZero)
        {
            unscaled /= 10;
            scale--;
        }

        return (unscaled, scale);
    }

    private static bool TryInterpretSuffix(string suffix, out int numBase, out int exponent, out QuantityFormat format)
    {
        numBase = 10;
        exponent = 0;
        format = QuantityFormat.DecimalSI;
        switch (suffix)
        {
            case "": return true;
            case "n": exponent = -9; return true;
            case "u": exponent = -6; return true;
            case "m": exponent = -3; return true;
            case "k": exponent = 3; return true;
            case "M": exponent = 6; return true;
            case "G": exponent = 9; return true;
            case "T": exponent = 12; return true;
            case "P": exponent = 15; return true;
            case "E": exponent = 18; return true;
        }

        format = QuantityFormat.BinarySI;
        numBase = 2;
        switch (suffix)
        {
            case "Ki": exponent = 10; return true;
            case "Mi": exponent = 20; return true;
            case "Gi": exponent = 30; return true;
            case "Ti": exponent = 40; return true;
            case "Pi": exponent = 50; return true;
            case "Ei": exponent = 60; return true;
        }

        // Decimal exponent: e|E followed by an optional sign and at least one digit.
        numBase = 10;
        format = QuantityFormat.DecimalExponent;
        if (suffix.Length >= 2 && suffix[0] is 'e' or 'E')
        {
            var digits = suffix[1..];
            var start = digits[0] is '+' or '-' ? 1 : 0;
            if (start < digits.Length && digits[start..].All(char.IsAsciiDigit)
                && int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return true;
            }
        }

        return false;
    }

    private static string BinarySuffix(int exponent) => exponent switch
    {
        0 => "",
        10 => "Ki",
        20 => "Mi",
        30 => "Gi",
        40 => "Ti",
        50 => "Pi",
        60 => "Ei",
        _ => throw new InvalidOperationException("unreachable binary exponent"),
    };

    private static string? DecimalSuffix(int exponent) => exponent switch
    {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => "",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => null,
    };

    internal string DebugString() => new StringBuilder().Append(_unscaled).Append("e-").Append(_scale).ToString();
}
