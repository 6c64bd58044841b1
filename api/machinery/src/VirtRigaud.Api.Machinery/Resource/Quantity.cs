using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Resource;

/// <summary>
/// resource.Quantity: a fixed-point number with a suffix, parsed, compared and canonicalized as
/// k8s.io/apimachinery/pkg/api/resource does (<c>1Gi</c>, <c>1536Mi</c>, <c>500m</c>, <c>1e3</c>, <c>0.5</c>).
/// <para>
/// Grammar (Kubernetes' documented one):
/// <c>[+-] (digits | digits. | digits.digits | .digits) (n|u|m||k|M|G|T|P|E | Ki|Mi|Gi|Ti|Pi|Ei | (e|E)[+-]digits)</c>.
/// No whitespace, nothing else.
/// </para>
/// <para>
/// The value is exact (<c>mantissa × 10^exponent</c>, like inf.Dec). As in Kubernetes, parsing rounds a non-zero
/// value away from zero to a whole number of nano units (<c>0.0000000001</c> → <c>1n</c>), caps a binary-suffixed
/// value at ±(2^63−1) (<c>9Ei</c>), and gives a binary-suffixed value between 0 and 1 the DecimalSI format.
/// </para>
/// <para>
/// Text forms:
/// <list type="table">
/// <item><term><see cref="ToString"/></term><description>the text as written (<c>1024Mi</c> stays <c>1024Mi</c>),
/// so objects round-trip unchanged as on a CRD-backed server; the canonical form for quantities built in code.
/// This is what JSON carries.</description></item>
/// <item><term><see cref="ToCanonicalString"/></term><description>the form a built-in Kubernetes type stores
/// (Go's <c>Quantity.String()</c>): <c>1024Mi</c> → <c>1Gi</c>, <c>0.5</c> → <c>500m</c>, <c>1.5Gi</c> →
/// <c>1536Mi</c>, <c>1000</c> → <c>1k</c>, <c>12e6</c> → <c>12e6</c>.</description></item>
/// </list>
/// </para>
/// <para>Equality, hashing and ordering are by value and ignore the format: <c>1Gi</c> == <c>1024Mi</c>.</para>
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public sealed class Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    /// <summary>The <c>pattern</c> the OpenAPI schema of a quantity carries (as controller-gen writes it).</summary>
    public const string Pattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    /// <summary>Go's <c>ErrFormatWrong</c>.</summary>
    internal const string ErrFormatWrong = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Go's <c>ErrNumeric</c>.</summary>
    internal const string ErrNumeric = "unable to parse numeric part of quantity";

    /// <summary>Go's <c>ErrSuffix</c>.</summary>
    internal const string ErrSuffix = "unable to parse quantity's suffix";

    /// <summary>
    /// Values written with a decimal exponent may be astronomically large or small (<c>1e999999999</c>). Operations
    /// that must write such a value out digit by digit (adding values whose exponents differ by more than this, or
    /// printing one in base 1024) are refused or printed in decimal instead, so that no input can make us allocate
    /// gigabytes (inf.Dec in Go would try).
    /// </summary>
    internal const int MaxMaterializedDigits = 100_000;

    private const int NanoExponent = -9;

    private const string SuffixChars = "eEinumkKMGTP";

    private static readonly BigInteger Int64Max = long.MaxValue;

    // Invariants: _mantissa has no trailing decimal zero; zero is (0, 0). So (mantissa, exponent) is unique per value.
    private readonly BigInteger _mantissa;
    private readonly long _exponent;
    private readonly string? _original;
    private string? _canonical;

    private Quantity(BigInteger mantissa, long exponent, QuantityFormat format, string? original)
    {
        if (mantissa.IsZero)
        {
            exponent = 0;
        }
        else
        {
            while (mantissa.IsEven && (mantissa % 10).IsZero)
            {
                mantissa /= 10;
                exponent++;
            }
        }

        _mantissa = mantissa;
        _exponent = exponent;
        Format = format;
        _original = original;
    }

    /// <summary>The format the canonical form uses (taken from the suffix the quantity was parsed with).</summary>
    public QuantityFormat Format { get; }

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => _mantissa.IsZero;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _mantissa.Sign;

    /// <summary>A quantity of <paramref name="value"/> in the given format (Kubernetes' <c>NewQuantity</c>).</summary>
    public static Quantity FromInt64(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value, 0, format, null);

    /// <summary>A quantity of <paramref name="value"/> × 10^-3 (Kubernetes' <c>NewMilliQuantity</c>).</summary>
    public static Quantity FromMilli(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value, -3, format, null);

    /// <summary>
    /// A quantity of <paramref name="value"/> × 10^<paramref name="exponent"/> (Kubernetes' <c>NewScaledQuantity</c>,
    /// which is always DecimalSI; other formats as a struct literal would give in Go).
    /// </summary>
    public static Quantity FromScaled(long value, int exponent, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(value, exponent, format, null);

    /// <summary>Parses a quantity or throws <see cref="FormatException"/> with Kubernetes' message.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var q, out var error) ? q : throw new FormatException(error);

    /// <summary>Parses a quantity; leading and trailing whitespace are not allowed. <paramref name="quantity"/> is null on failure.</summary>
    public static bool TryParse(string text, out Quantity quantity) => TryParse(text, out quantity, out _);

    /// <summary>
    /// Parses a quantity, returning Kubernetes' error text on failure (<c>quantities must match the regular
    /// expression ...</c>, <c>unable to parse quantity's suffix</c>, <c>unable to parse numeric part of quantity</c>).
    /// <paramref name="quantity"/> is null on failure.
    /// </summary>
    public static bool TryParse(string text, out Quantity quantity, out string error)
    {
        quantity = null!;
        if (!TryScan(text, out var number, out var scanError))
        {
            error = scanError;
            return false;
        }

        if (!TryInterpretSuffix(text.AsSpan(number.SuffixStart), out var binary, out var suffixExponent, out var format))
        {
            error = ErrSuffix;
            return false;
        }

        var intDigits = text.AsSpan(number.IntStart, number.IntEnd - number.IntStart);
        var fracDigits = text.AsSpan(number.FracStart, number.FracEnd - number.FracStart);
        var mantissa = ParseDigits(intDigits, fracDigits, out var trailingZeros);
        long exponent = trailingZeros - fracDigits.Length;
        if (binary)
        {
            mantissa <<= suffixExponent;
        }
        else
        {
            exponent += suffixExponent;
        }

        // Non-zero values are rounded away from zero to whole nano units ("if you want some resources, you should
        // get some resources"); the sign is applied afterwards, so this is on the magnitude.
        if (!mantissa.IsZero && exponent < NanoExponent)
        {
            var drop = NanoExponent - exponent;
            if (drop > DigitCount(mantissa))
            {
                mantissa = BigInteger.One;
            }
            else
            {
                mantissa = BigInteger.DivRem(mantissa, BigInteger.Pow(10, (int)drop), out var remainder);
                if (!remainder.IsZero)
                {
                    mantissa += 1;
                }
            }

            exponent = NanoExponent;
        }

        if (format == QuantityFormat.BinarySI)
        {
            // The int64 cap is for binary quantities only (Kubernetes' maxAllowed): "9Ei" is 2^63-1.
            if (Compare(mantissa, exponent, Int64Max, 0) > 0)
            {
                mantissa = Int64Max;
                exponent = 0;
            }

            // A binary quantity strictly between 0 and 1 becomes DecimalSI ("0.000000000001Ki" is 2n).
            if (!mantissa.IsZero && Compare(mantissa, exponent, BigInteger.One, 0) < 0)
            {
                format = QuantityFormat.DecimalSI;
            }
        }

        quantity = new Quantity(number.Negative ? -mantissa : mantissa, exponent, format, text);
        error = "";
        return true;
    }

    /// <summary>
    /// The value rounded up to an integer (Kubernetes' <c>Value()</c>): away from zero, so <c>9.01</c> → 10 and
    /// <c>-9.01</c> → -10. Saturates at <see cref="long.MaxValue"/>/<see cref="long.MinValue"/> (Go's result is
    /// undefined there).
    /// </summary>
    public long Value() => ScaledValue(0);

    /// <summary>The value × 1000, rounded up like <see cref="Value"/> (Kubernetes' <c>MilliValue()</c>): <c>0.1m</c> → 1.</summary>
    public long MilliValue() => ScaledValue(-3);

    /// <summary>
    /// The value in units of 10^<paramref name="scale"/> (Kubernetes' <c>ScaledValue</c>), rounded away from zero;
    /// saturates at the int64 limits.
    /// </summary>
    public long ScaledValue(int scale)
    {
        if (IsZero)
        {
            return 0;
        }

        var shift = _exponent - scale;
        BigInteger result;
        if (shift >= 0)
        {
            // The mantissa is at least 1, so 10^19 already exceeds int64.
            if (shift > 19)
            {
                return Sign > 0 ? long.MaxValue : long.MinValue;
            }

            result = _mantissa * BigInteger.Pow(10, (int)shift);
        }
        else
        {
            var down = -shift;
            if (down > DigitCount(_mantissa))
            {
                // |value| < 1 unit: rounding away from zero leaves just the unit.
                return Sign;
            }

            result = BigInteger.DivRem(_mantissa, BigInteger.Pow(10, (int)down), out var remainder);
            if (!remainder.IsZero)
            {
                result += Sign;
            }
        }

        return result > long.MaxValue ? long.MaxValue : result < long.MinValue ? long.MinValue : (long)result;
    }

    /// <summary>The value as the nearest double (Kubernetes' <c>AsFloat64Slow</c>); ±infinity beyond double's range.</summary>
    public double ToDouble() =>
        double.Parse(
            string.Create(CultureInfo.InvariantCulture, $"{_mantissa}E{_exponent}"),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture);

    /// <summary>The text the quantity was written with, or its canonical form when built in code.</summary>
    public override string ToString() => _original ?? ToCanonicalString();

    /// <summary>
    /// The canonical form (Go's <c>Quantity.String()</c> / <c>CanonicalizeBytes</c>): the largest suffix of the
    /// quantity's format that leaves no fractional digits.
    /// <list type="bullet">
    /// <item>DecimalSI: <c>1000</c> → <c>1k</c>, <c>0.5</c> → <c>500m</c>, <c>1.08</c> → <c>1080m</c>; beyond
    /// <c>E</c> or below <c>n</c> it falls back to an exponent (<c>1000E</c> → <c>1e21</c>).</item>
    /// <item>DecimalExponent: exponent a multiple of 3: <c>12e6</c>, <c>1.1e-3</c> → <c>1100e-6</c>, <c>10e-1</c> → <c>1</c>.</item>
    /// <item>BinarySI: <c>1024Mi</c> → <c>1Gi</c>, <c>1.5Gi</c> → <c>1536Mi</c>; values in (-1024, 1024) and
    /// non-integers are printed as DecimalSI (<c>0.5Ki</c> → <c>512</c>, <c>0.1Ki</c> → <c>102400m</c>).</item>
    /// <item>Zero is <c>0</c> whatever the format.</item>
    /// </list>
    /// </summary>
    public string ToCanonicalString() => _canonical ??= Canonicalize();

    /// <summary>-1, 0 or 1 as this value is less than, equal to or greater than <paramref name="other"/>'s; null sorts first.</summary>
    public int CompareTo(Quantity? other) => other is null ? 1 : Compare(_mantissa, _exponent, other._mantissa, other._exponent);

    /// <summary>Value equality: <c>1Gi</c> equals <c>1024Mi</c>, <c>1k</c> equals <c>1000</c> and <c>1e3</c>.</summary>
    public bool Equals(Quantity? other) => other is not null && _exponent == other._exponent && _mantissa == other._mantissa;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    /// <summary>Consistent with <see cref="Equals(Quantity?)"/>: depends on the value only.</summary>
    public override int GetHashCode() => HashCode.Combine(_mantissa, _exponent);

    public static bool operator ==(Quantity? left, Quantity? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Quantity? left, Quantity? right) => !(left == right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// The exact sum, in this quantity's format, or in <paramref name="other"/>'s when this one is zero (Kubernetes'
    /// <c>Add</c>). Throws <see cref="OverflowException"/> when the exponents differ by more than
    /// <see cref="MaxMaterializedDigits"/> digits (<c>1e999999999 + 1</c>).
    /// </summary>
    public Quantity Add(Quantity other)
    {
        var format = IsZero ? other.Format : Format;
        if (other.IsZero)
        {
            return new Quantity(_mantissa, _exponent, format, null);
        }

        if (IsZero)
        {
            return new Quantity(other._mantissa, other._exponent, format, null);
        }

        var exponent = Math.Min(_exponent, other._exponent);
        if (Math.Max(_exponent, other._exponent) - exponent > MaxMaterializedDigits)
        {
            throw new OverflowException("the exact sum of these quantities has too many digits");
        }

        var sum = (_mantissa * BigInteger.Pow(10, (int)(_exponent - exponent))) + (other._mantissa * BigInteger.Pow(10, (int)(other._exponent - exponent)));
        return new Quantity(sum, exponent, format, null);
    }

    /// <summary>The exact difference, formatted as <see cref="Add"/> does (Kubernetes' <c>Sub</c>).</summary>
    public Quantity Subtract(Quantity other) => Add(other.Negate());

    /// <summary>The negated value, in the same format (Kubernetes' <c>Neg</c>).</summary>
    public Quantity Negate() => new(-_mantissa, _exponent, Format, null);

    private string Canonicalize()
    {
        if (IsZero)
        {
            return "0";
        }

        if (Format == QuantityFormat.BinarySI
            && _exponent >= 0
            && _exponent <= MaxMaterializedDigits
            && Compare(BigInteger.Abs(_mantissa), _exponent, 1024, 0) >= 0)
        {
            // Remove whole factors of 1024, up to Ei: Go would drop the suffix of 1024^7 and print a wrong value.
            var integer = _mantissa * BigInteger.Pow(10, (int)_exponent);
            var power = 0;
            while (power < 6 && (integer & 1023).IsZero)
            {
                integer >>= 10;
                power++;
            }

            return integer.ToString(CultureInfo.InvariantCulture) + BinarySuffix(power);
        }

        // The mantissa has no trailing zeros; lower the exponent to the multiple of three at or below it.
        var remainder = ((_exponent % 3) + 3) % 3;
        var mantissa = remainder == 0 ? _mantissa : _mantissa * (remainder == 1 ? 10 : 100);
        var exponent = _exponent - remainder;
        var number = mantissa.ToString(CultureInfo.InvariantCulture);
        var suffix = Format == QuantityFormat.DecimalExponent ? null : DecimalSuffix(exponent);
        return suffix is not null ? number + suffix
            : exponent == 0 ? number
            : number + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Compares a × 10^ea with b × 10^eb without writing out huge powers of ten.</summary>
    private static int Compare(BigInteger a, long ea, BigInteger b, long eb)
    {
        if (a.Sign != b.Sign)
        {
            return a.Sign.CompareTo(b.Sign);
        }

        if (a.IsZero)
        {
            return 0;
        }

        if (ea == eb)
        {
            return a.CompareTo(b);
        }

        // Position of the leading digit decides unless equal; then the exponents differ by less than the digit count.
        var leadA = ea + DigitCount(a);
        var leadB = eb + DigitCount(b);
        if (leadA != leadB)
        {
            return leadA > leadB ? a.Sign : -a.Sign;
        }

        return ea > eb
            ? (a * BigInteger.Pow(10, (int)(ea - eb))).CompareTo(b)
            : a.CompareTo(b * BigInteger.Pow(10, (int)(eb - ea)));
    }

    private static int DigitCount(BigInteger value)
    {
        var abs = BigInteger.Abs(value);
        if (abs <= ulong.MaxValue)
        {
            var u = (ulong)abs;
            var digits = 1;
            while (u >= 10)
            {
                u /= 10;
                digits++;
            }

            return digits;
        }

        return abs.ToString(CultureInfo.InvariantCulture).Length;
    }

    /// <summary>The integer formed by the digits, without leading zeros and with trailing zeros counted instead of kept.</summary>
    private static BigInteger ParseDigits(ReadOnlySpan<char> intDigits, ReadOnlySpan<char> fracDigits, out int trailingZeros)
    {
        trailingZeros = 0;
        if (fracDigits.TrimEnd('0').IsEmpty)
        {
            trailingZeros = fracDigits.Length;
            fracDigits = default;
            var trimmed = intDigits.TrimEnd('0');
            trailingZeros += intDigits.Length - trimmed.Length;
            intDigits = trimmed;
        }
        else
        {
            var trimmed = fracDigits.TrimEnd('0');
            trailingZeros = fracDigits.Length - trimmed.Length;
            fracDigits = trimmed;
        }

        intDigits = intDigits.TrimStart('0');
        if (intDigits.IsEmpty)
        {
            fracDigits = fracDigits.TrimStart('0');
        }

        if (intDigits.Length + fracDigits.Length <= 18)
        {
            long small = 0;
            foreach (var c in intDigits)
            {
                small = (small * 10) + (c - '0');
            }

            foreach (var c in fracDigits)
            {
                small = (small * 10) + (c - '0');
            }

            return small;
        }

        return BigInteger.Parse(string.Concat(intDigits, fracDigits), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Splits the text as Kubernetes' parseQuantityString does: sign, integer digits, optional '.' and fraction
    /// digits, then a suffix made of [eEinumkKMGTP]* [+-]? [0-9]* that must reach the end. Unlike Go, which reads a
    /// number without digits ("", "+", ".", "Ki", "e3") as zero, a digit is required, as the documented grammar and
    /// the OpenAPI pattern require.
    /// </summary>
    private static bool TryScan(string text, out ScannedNumber number, out string error)
    {
        number = default;
        error = ErrFormatWrong;
        var end = text.Length;
        if (end == 0)
        {
            return false;
        }

        var pos = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            pos++;
        }

        var intStart = pos;
        pos = SkipDigits(text, pos);
        var intEnd = pos;
        var fracStart = pos;
        var hasPoint = false;
        if (pos < end && text[pos] == '.')
        {
            hasPoint = true;
            fracStart = ++pos;
            pos = SkipDigits(text, pos);
        }

        var fracEnd = pos;
        var suffixStart = pos;
        while (pos < end && SuffixChars.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < end && text[pos] is '+' or '-')
        {
            pos++;
        }

        pos = SkipDigits(text, pos);
        if (pos != end)
        {
            return false;
        }

        if (intEnd == intStart && fracEnd == fracStart)
        {
            error = hasPoint ? ErrNumeric : ErrFormatWrong;
            return false;
        }

        number = new ScannedNumber(negative, intStart, intEnd, fracStart, fracEnd, suffixStart);
        return true;
    }

    private static int SkipDigits(string text, int pos)
    {
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>Kubernetes' quantitySuffixer.interpret: decimal SI first, then binary SI, then e/E and a signed int.</summary>
    private static bool TryInterpretSuffix(ReadOnlySpan<char> suffix, out bool binary, out int exponent, out QuantityFormat format)
    {
        binary = false;
        format = QuantityFormat.DecimalSI;
        exponent = suffix switch
        {
            "" => 0,
            "n" => -9,
            "u" => -6,
            "m" => -3,
            "k" => 3,
            "M" => 6,
            "G" => 9,
            "T" => 12,
            "P" => 15,
            "E" => 18,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            return true;
        }

        format = QuantityFormat.BinarySI;
        binary = true;
        exponent = suffix switch
        {
            "Ki" => 10,
            "Mi" => 20,
            "Gi" => 30,
            "Ti" => 40,
            "Pi" => 50,
            "Ei" => 60,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            return true;
        }

        format = QuantityFormat.DecimalExponent;
        binary = false;
        exponent = 0;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E' && TryParseExponent(suffix[1..], out exponent);
    }

    /// <summary>strconv.ParseInt(s, 10, ...) limited to int: an optional sign and at least one ASCII digit.</summary>
    private static bool TryParseExponent(ReadOnlySpan<char> s, out int exponent)
    {
        exponent = 0;
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        long value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return false;
            }
        }

        exponent = (int)(negative ? -value : value);
        return true;
    }

    private static string BinarySuffix(int power) => power switch
    {
        0 => "",
        1 => "Ki",
        2 => "Mi",
        3 => "Gi",
        4 => "Ti",
        5 => "Pi",
        _ => "Ei",
    };

    private static string? DecimalSuffix(long exponent) => exponent switch
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

    private readonly record struct ScannedNumber(bool Negative, int IntStart, int IntEnd, int FracStart, int FracEnd, int SuffixStart);
}
