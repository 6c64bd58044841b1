using System.Text.Json;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.Machinery.Tests;

/// <summary>
/// Quantity against the tables of k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse,
/// TestQuantityString, TestQuantityParseEmit, TestQuantityCmp, TestQuantityCmpInt64AndDec, TestQuantityRoundUp,
/// TestScaledValue, TestNewSet, TestMilliNewSet, TestNewScaledSet, TestAdd, TestSub, TestJSONWhitespace and the
/// invalid inputs), plus cases derived from the Go algorithm.
/// </summary>
public sealed class QuantityTests
{
    private const QuantityFormat Bin = QuantityFormat.BinarySI;
    private const QuantityFormat Dec = QuantityFormat.DecimalSI;
    private const QuantityFormat Exp = QuantityFormat.DecimalExponent;

    /// <summary>TestQuantityParse: input → value mantissa × 10^exponent and format.</summary>
    public static TheoryData<string, long, int, QuantityFormat> ParseCases => new()
    {
        { "0", 0, 0, Dec },
        { "0n", 0, 0, Dec },
        { "0u", 0, 0, Dec },
        { "0m", 0, 0, Dec },
        { "0Ki", 0, 0, Bin },
        { "0k", 0, 0, Dec },
        { "0Mi", 0, 0, Bin },
        { "0M", 0, 0, Dec },
        { "0Gi", 0, 0, Bin },
        { "0G", 0, 0, Dec },
        { "0Ti", 0, 0, Bin },
        { "0T", 0, 0, Dec },

        // Quantity-less numbers are allowed.
        { "1", 1, 0, Dec },

        // Binary suffixes.
        { "1Ki", 1024, 0, Bin },
        { "8Ki", 8 * 1024, 0, Bin },
        { "7Mi", 7L << 20, 0, Bin },
        { "6Gi", 6L << 30, 0, Bin },
        { "5Ti", 5L << 40, 0, Bin },
        { "4Pi", 4L << 50, 0, Bin },
        { "3Ei", 3L << 60, 0, Bin },
        { "10Ti", 10L << 40, 0, Bin },
        { "100Ti", 100L << 40, 0, Bin },

        // Decimal suffixes.
        { "5n", 5, -9, Dec },
        { "4u", 4, -6, Dec },
        { "3m", 3, -3, Dec },
        { "9", 9, 0, Dec },
        { "8k", 8, 3, Dec },
        { "50k", 5, 4, Dec },
        { "7M", 7, 6, Dec },
        { "6G", 6, 9, Dec },
        { "5T", 5, 12, Dec },
        { "40T", 4, 13, Dec },
        { "300T", 3, 14, Dec },
        { "2P", 2, 15, Dec },
        { "1E", 1, 18, Dec },

        // Decimal exponents.
        { "1E-3", 1, -3, Exp },
        { "1e3", 1, 3, Exp },
        { "1E6", 1, 6, Exp },
        { "1e9", 1, 9, Exp },
        { "1E12", 1, 12, Exp },
        { "1e15", 1, 15, Exp },
        { "1E18", 1, 18, Exp },

        // Nonstandard but still parsable.
        { "1e14", 1, 14, Exp },
        { "1e13", 1, 13, Exp },
        { "100.035k", 100035, 0, Dec },
        { "1e+3", 1, 3, Exp },
        { "1e03", 1, 3, Exp },
        { "1e-0", 1, 0, Exp },
        { "007", 7, 0, Dec },

        // Things that look like floating point.
        { "0.001", 1, -3, Dec },
        { "0.0005k", 5, -1, Dec },
        { "0.005", 5, -3, Dec },
        { "0.05", 5, -2, Dec },
        { "0.5", 5, -1, Dec },
        { "0.00050k", 5, -1, Dec },
        { "0.00500", 5, -3, Dec },
        { "0.05000", 5, -2, Dec },
        { "0.50000", 5, -1, Dec },
        { "0.5e0", 5, -1, Exp },
        { "0.5e-1", 5, -2, Exp },
        { "0.5e-2", 5, -3, Exp },
        { "10.035M", 10035, 3, Dec },
        { "1.2e3", 12, 2, Exp },
        { "1.3E+6", 13, 5, Exp },
        { "1.40e9", 14, 8, Exp },
        { "1.53E12", 153, 10, Exp },
        { "1.6e15", 16, 14, Exp },
        { "1.7E18", 17, 17, Exp },
        { "9.01", 901, -2, Dec },
        { "8.1k", 81, 2, Dec },
        { "7.123456M", 7123456, 0, Dec },
        { "6.987654321G", 6987654321, 0, Dec },
        { "5.444T", 5444, 9, Dec },
        { "40.1T", 401, 11, Dec },
        { "300.2T", 3002, 11, Dec },
        { "2.5P", 25, 14, Dec },
        { "1.01E", 101, 16, Dec },

        // Things that saturate or round (up, to nano).
        { "3.001n", 4, -9, Dec },
        { "1.1E-9", 2, -9, Exp },
        { "0.0000000001", 1, -9, Dec },
        { "0.0000000005", 1, -9, Dec },
        { "0.00000000050", 1, -9, Dec },
        { "0.5e-9", 1, -9, Exp },
        { "0.9n", 1, -9, Dec },
        { "0.00000012345", 124, -9, Dec },
        { "0.00000012354", 124, -9, Dec },
        { "1e-2147483647", 1, -9, Exp },
        { "9Ei", long.MaxValue, 0, Bin },
        { "8Ei", long.MaxValue, 0, Bin },
        { "9223372036854775807Ki", long.MaxValue, 0, Bin },
        { "12E", 12, 18, Dec },

        // Fractional binary values.
        { "100.035Ki", 10243584, -2, Bin },
        { "0.5Mi", 524288, 0, Bin },
        { "0.5Ki", 512, 0, Bin },
        { "0.05Gi", 536870912, -1, Bin },
        { "0.025Ti", 274877906944, -1, Bin },

        // Things written by trolls. A binary value strictly between 0 and 1 becomes DecimalSI; 1.024 does not.
        { "0.000000000001Ki", 2, -9, Dec },
        { ".000001Ki", 1024, -6, Dec },
        { ".001Ki", 1024, -3, Bin },
        { ".001", 1, -3, Dec },
        { ".0001k", 100, -3, Dec },
        { ".5", 5, -1, Dec },
        { "5.", 5, 0, Dec },
        { "1.", 1, 0, Dec },
        { "1.G", 1, 9, Dec },
    };

    /// <summary>TestQuantityString: a value in a format → canonical form, and a non-canonical spelling of it.</summary>
    public static TheoryData<long, int, QuantityFormat, string, string?> CanonicalCases => new()
    {
        { 1L << 30, 0, Bin, "1Gi", "1024Mi" },
        { 300L << 20, 0, Bin, "300Mi", "307200Ki" },
        { 6 * 1024, 0, Bin, "6Ki", null },
        { 1001L << 30, 0, Bin, "1001Gi", "1025024Mi" },
        { 1L << 40, 0, Bin, "1Ti", "1024Gi" },
        { 5, 0, Bin, "5", "5000m" },
        { 500, -3, Bin, "500m", "0.5" },
        { 1, 9, Dec, "1G", "1000M" },
        { 1000, 6, Dec, "1G", "0.001T" },
        { 1000000, 3, Dec, "1G", null },
        { 1000000000, 0, Dec, "1G", null },
        { 1, -3, Dec, "1m", "1000u" },
        { 80, -3, Dec, "80m", null },
        { 1080, -3, Dec, "1080m", "1.08" },
        { 108, -2, Dec, "1080m", "1080000000n" },
        { 10800, -4, Dec, "1080m", null },
        { 300, 6, Dec, "300M", null },
        { 1, 12, Dec, "1T", null },

        // DecimalSI has no suffix beyond E: larger exponents fall back to exponent notation.
        { 1, 18, Dec, "1E", null },
        { 1, 21, Dec, "1e21", "1000E" },
        { 5, 21, Dec, "5e21", "5000E" },
        { 1, 24, Dec, "1e24", "1000000E" },
        { 1234567, 6, Dec, "1234567M", null },
        { 1234567, -3, Bin, "1234567m", null },
        { 3, 3, Dec, "3k", null },
        { 1025, 0, Bin, "1025", null },
        { 0, 0, Dec, "0", null },
        { 0, 0, Bin, "0", null },
        { 1, 9, Exp, "1e9", ".001e12" },
        { 1, -3, Exp, "1e-3", "0.001e0" },
        { 1, -9, Exp, "1e-9", "1000e-12" },
        { 80, -3, Exp, "80e-3", null },
        { 300, 6, Exp, "300e6", null },
        { 1, 12, Exp, "1e12", null },
        { 1, 3, Exp, "1e3", null },
        { 3, 3, Exp, "3e3", null },
        { 0, 0, Exp, "0", "00" },
        { 1, -9, Dec, "1n", null },
        { 80, -9, Dec, "80n", null },
        { 1080, -9, Dec, "1080n", null },
        { 108, -8, Dec, "1080n", null },
        { 10800, -10, Dec, "1080n", null },
        { 1, -6, Dec, "1u", null },
        { 80, -6, Dec, "80u", null },
        { 1080, -6, Dec, "1080u", null },
        { 1L << 62, 0, Bin, "4Ei", null },
    };

    /// <summary>TestQuantityParseEmit and the conversions a built-in Kubernetes type would store.</summary>
    public static TheoryData<string, string> ParseEmitCases => new()
    {
        { "1Ki", "1Ki" },
        { "1Mi", "1Mi" },
        { "1Gi", "1Gi" },
        { "1024Mi", "1Gi" },
        { "1000M", "1G" },
        { ".001Ki", "1024m" },
        { ".000001Ki", "1024u" },
        { ".000000001Ki", "1024n" },
        { ".000000000001Ki", "2n" },
        { "1536Mi", "1536Mi" },
        { "0.5Gi", "512Mi" },
        { "1.5Gi", "1536Mi" },
        { "1000", "1k" },
        { "1024", "1024" },
        { "0.5", "500m" },
        { "1.5", "1500m" },
        { "1.2345", "1234500u" },
        { "1e3", "1e3" },
        { "1000m", "1" },
        { "100m", "100m" },
        { "10e-1", "1" },
        { "0", "0" },
        { "-0", "0" },
        { "0Ki", "0" },
        { "0e5", "0" },
        { "12e6", "12e6" },
        { "5e2", "500" },
        { "50e2", "5e3" },
        { "1.1e-3", "1100e-6" },
        { "1e-12", "1e-9" },
        { "0.1Ki", "102400m" },
        { "0.5Ki", "512" },
        { "1023Ki", "1023Ki" },
        { "1024Ki", "1Mi" },
        { "1025Ki", "1025Ki" },
        { "1E", "1E" },
        { "1000E", "1e21" },
        { "1.5k", "1500" },
        { "1.5M", "1500k" },
        { "1000k", "1M" },
        { "1Ei", "1Ei" },
        { "2Ei", "2Ei" },
        { "8Ei", "9223372036854775807" },
        { "18446744073709551616", "18446744073709551616" },
        { "0.0000000001", "1n" },
        { "1e999999", "1e999999" },
        { "1e2147483647", "10e2147483646" },
    };

    /// <summary>TestQuantityCmp, TestQuantityCmpInt64AndDec: x, y, sign of x.CompareTo(y).</summary>
    public static TheoryData<long, int, long, int, int> CompareCases => new()
    {
        { 901, -2, 901, -2, 0 },
        { 90, -1, 901, -2, -1 },
        { 901, -2, 900, -2, 1 },
        { 0, 0, 0, 0, 0 },
        { 0, 1, 0, -1, 0 },
        { 800, -3, 1, 0, -1 },
        { 800, -3, 79, -2, 1 },
        { long.MaxValue, 0, 1, -1, 1 },
        { long.MaxValue, 1, 1, 0, 1 },
        { long.MaxValue, 1, 1, 1, 1 },
        { long.MaxValue, 1, 0, 1, 1 },
        { long.MaxValue, -16, 1, 3, -1 },
        { long.MinValue, 0, 0, 0, -1 },
        { long.MinValue, -18, -1, 0, -1 },
        { long.MinValue, -19, -1, 0, 1 },
        { 1_000000_000000_000000, -17, 1, 1, 0 },
        { 1_000000_000000_000000, -17, -10, 0, 1 },
        { -1_000000_000000_000000, -17, -10, 0, 0 },
        { 1_000000_000000_000000, -17, 1, 0, 1 },
        { 1_000000_000000_000000 + 1, -17, 1, 1, 1 },
        { 1_000000_000000_000000 - 1, -17, 1, 1, -1 },
        { 1, 1000000, 999999999999999999, 0, 1 },
        { -1, 1000000, 1, -1000000, -1 },
        { 1, -1000000, 0, 0, 1 },
    };

    /// <summary>TestQuantityCmp with parsed text, and value equality across formats.</summary>
    public static TheoryData<string, string, int> CompareTextCases => new()
    {
        { "0", "0", 0 },
        { "100m", "50m", 1 },
        { "50m", "100m", -1 },
        { "10000T", "100Gi", 1 },
        { "1Gi", "1024Mi", 0 },
        { "1k", "1000", 0 },
        { "1e3", "1k", 0 },
        { "1", "1000m", 0 },
        { "0.5", "500m", 0 },
        { "1Ki", "1024", 0 },
        { "0", "0Ki", 0 },
        { "-0", "0", 0 },
        { "1.0", "1", 0 },
        { "1E", "1e18", 0 },
        { "1Gi", "1G", 1 },
        { "1k", "1Ki", -1 },
        { "1n", "1m", -1 },
        { "-1", "1", -1 },
        { "-1Gi", "-1G", -1 },
        { "1e999999", "1e999998", 1 },
        { "-1e999999", "1n", -1 },
    };

    /// <summary>Invalid inputs (quantity_test.go's list and more) with Go's error for each.</summary>
    public static TheoryData<string, string> InvalidCases => new()
    {
        { "", Quantity.ErrFormatWrong },
        { "1.1.M", Quantity.ErrFormatWrong },
        { "1+1.0M", Quantity.ErrFormatWrong },
        { "0.1mi", Quantity.ErrSuffix },
        { "0.1am", Quantity.ErrFormatWrong },
        { "aoeu", Quantity.ErrFormatWrong },
        { ".5i", Quantity.ErrSuffix },
        { "1i", Quantity.ErrSuffix },
        { "-3.01i", Quantity.ErrSuffix },
        { "-3.01e-", Quantity.ErrSuffix },
        { " 1", Quantity.ErrFormatWrong },
        { "1 ", Quantity.ErrFormatWrong },
        { "Non-Numeric", Quantity.ErrFormatWrong },
        { "1.1.1", Quantity.ErrFormatWrong },
        { "1KiB", Quantity.ErrFormatWrong },
        { "1e", Quantity.ErrSuffix },
        { "1e+", Quantity.ErrSuffix },
        { "1e3.5", Quantity.ErrFormatWrong },
        { "1k3", Quantity.ErrSuffix },
        { "1ee3", Quantity.ErrSuffix },
        { "1E3Ki", Quantity.ErrFormatWrong },
        { "1mm", Quantity.ErrSuffix },
        { "1Mi3", Quantity.ErrSuffix },
        { "1ki", Quantity.ErrSuffix },
        { "1K", Quantity.ErrSuffix },
        { "1e2147483648", Quantity.ErrSuffix },
        { "1e99999999999999999999", Quantity.ErrSuffix },
        { "1,5", Quantity.ErrFormatWrong },
        { "0x10", Quantity.ErrFormatWrong },
        { "1_000", Quantity.ErrFormatWrong },
        { "1.5Gi\n", Quantity.ErrFormatWrong },
        { "\u0661", Quantity.ErrFormatWrong },

        // Go's parser reads these as zero, but neither the documented grammar nor the schema pattern allows them.
        { "+", Quantity.ErrFormatWrong },
        { "-", Quantity.ErrFormatWrong },
        { "Ki", Quantity.ErrFormatWrong },
        { "+Ki", Quantity.ErrFormatWrong },
        { "e3", Quantity.ErrFormatWrong },
        { "m", Quantity.ErrFormatWrong },
        { ".", Quantity.ErrNumeric },
        { "-.", Quantity.ErrNumeric },
        { ".Ki", Quantity.ErrNumeric },
    };

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Parse_KubernetesTable_ExactValueAndFormat(string input, long mantissa, int exponent, QuantityFormat format)
    {
        var expected = Quantity.FromScaled(mantissa, exponent);

        var q = Quantity.Parse(input);

        Assert.True(expected == q, $"{input}: expected {expected.ToCanonicalString()}, got {q.ToCanonicalString()}");
        Assert.Equal(format, q.Format);
        Assert.Equal(input, q.ToString());
    }

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Parse_KubernetesTableWithSign_SignAppliedFormatKept(string input, long mantissa, int exponent, QuantityFormat format)
    {
        var expected = Quantity.FromScaled(mantissa, exponent);

        var plus = Quantity.Parse("+" + input);
        var minus = Quantity.Parse("-" + input);

        Assert.True(expected == plus, $"+{input}: got {plus.ToCanonicalString()}");
        Assert.Equal(format, plus.Format);
        Assert.True(expected.Negate() == minus, $"-{input}: got {minus.ToCanonicalString()}");
        Assert.Equal(format, minus.Format);
        Assert.Equal(-expected.Sign, minus.Sign);
    }

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Parse_AcceptedInput_MatchesSchemaPattern(string input, long mantissa, int exponent, QuantityFormat format)
    {
        _ = (mantissa, exponent, format);

        Assert.Matches(Quantity.Pattern, input);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void TryParse_Invalid_FalseWithKubernetesError(string input, string expectedError)
    {
        var ok = Quantity.TryParse(input, out var q, out var error);

        Assert.False(ok);
        Assert.Null(q);
        Assert.Equal(expectedError, error);
        Assert.False(Quantity.TryParse(input, out _));
        var ex = Assert.Throws<FormatException>(() => Quantity.Parse(input));
        Assert.Equal(expectedError, ex.Message);
    }

    [Fact]
    public void Parse_Zero_CanonicalAndOriginalAreZero()
    {
        var zero = Quantity.Parse("0");

        Assert.Equal("0", zero.ToString());
        Assert.Equal("0", zero.ToCanonicalString());
        Assert.True(zero.IsZero);
        Assert.Equal(0, zero.Sign);
        Assert.Equal(QuantityFormat.DecimalSI, zero.Format);
    }

    [Fact]
    public void Parse_DecimalBeyondInt64_KeptExactly()
    {
        var q = Quantity.Parse("18446744073709551616");
        var next = Quantity.Parse("18446744073709551617");

        Assert.Equal("18446744073709551616", q.ToCanonicalString());
        Assert.True(next > q);
        Assert.Equal(long.MaxValue, q.Value());
    }

    [Theory]
    [MemberData(nameof(CanonicalCases))]
    public void ToCanonicalString_KubernetesTable_CanonicalForm(long mantissa, int exponent, QuantityFormat format, string expected, string? alternate)
    {
        var q = Quantity.FromScaled(mantissa, exponent, format);

        Assert.Equal(expected, q.ToCanonicalString());
        Assert.Equal(expected, q.ToString());
        Assert.Equal(expected, Quantity.Parse(expected).ToCanonicalString());
        if (alternate is not null)
        {
            Assert.Equal(expected, Quantity.Parse(alternate).ToCanonicalString());
            Assert.Equal(alternate, Quantity.Parse(alternate).ToString());
        }
    }

    [Theory]
    [MemberData(nameof(CanonicalCases))]
    public void ToCanonicalString_Negated_MinusAndSameDigits(long mantissa, int exponent, QuantityFormat format, string expected, string? alternate)
    {
        _ = alternate;
        var q = Quantity.FromScaled(mantissa, exponent, format).Negate();

        Assert.Equal(mantissa == 0 ? "0" : "-" + expected, q.ToCanonicalString());
    }

    [Theory]
    [MemberData(nameof(ParseEmitCases))]
    public void ToCanonicalString_Parsed_KubernetesForm(string input, string expected)
    {
        var q = Quantity.Parse(input);

        Assert.Equal(expected, q.ToCanonicalString());
        Assert.Equal(input, q.ToString());
        Assert.True(Quantity.Parse(expected) == q, "the canonical form must parse to the same value");
    }

    [Theory]
    [MemberData(nameof(ParseEmitCases))]
    public void ToCanonicalString_ParsedNegative_MinusCanonical(string input, string expected)
    {
        var q = Quantity.Parse(input.StartsWith('-') ? input[1..] : "-" + input);

        Assert.Equal(expected == "0" ? "0" : "-" + expected, q.ToCanonicalString());
    }

    [Theory]
    [InlineData(1, QuantityFormat.DecimalSI, "1")]
    [InlineData(1000, QuantityFormat.DecimalSI, "1k")]
    [InlineData(1234000, QuantityFormat.DecimalSI, "1234k")]
    [InlineData(1024, QuantityFormat.BinarySI, "1Ki")]
    [InlineData(1000000, QuantityFormat.DecimalExponent, "1e6")]
    [InlineData(1024 * 1024, QuantityFormat.BinarySI, "1Mi")]
    [InlineData(0, QuantityFormat.BinarySI, "0")]
    [InlineData(-2048, QuantityFormat.BinarySI, "-2Ki")]
    public void FromInt64_KubernetesNewSetTable_CanonicalAndRoundTrip(long value, QuantityFormat format, string expected)
    {
        var q = Quantity.FromInt64(value, format);

        Assert.Equal(expected, q.ToString());
        Assert.Equal(format, q.Format);
        Assert.Equal(value, Quantity.Parse(q.ToString()).Value());
    }

    [Theory]
    [InlineData(1, QuantityFormat.DecimalSI, "1m")]
    [InlineData(1000, QuantityFormat.DecimalSI, "1")]
    [InlineData(1234000, QuantityFormat.DecimalSI, "1234")]
    [InlineData(1024, QuantityFormat.BinarySI, "1024m")]
    [InlineData(1000000, QuantityFormat.DecimalExponent, "1e3")]
    [InlineData(1024 * 1024, QuantityFormat.BinarySI, "1048576m")]
    public void FromMilli_KubernetesMilliNewSetTable_Canonical(long value, QuantityFormat format, string expected)
    {
        var q = Quantity.FromMilli(value, format);

        Assert.Equal(expected, q.ToString());
        Assert.Equal(value, q.MilliValue());
    }

    [Theory]
    [InlineData(1, -9, "1n")]
    [InlineData(1000, -9, "1u")]
    [InlineData(1, -6, "1u")]
    [InlineData(1000, -6, "1m")]
    [InlineData(1, -3, "1m")]
    [InlineData(1000, -3, "1")]
    [InlineData(1, 0, "1")]
    [InlineData(0, -9, "0")]
    [InlineData(0, -6, "0")]
    [InlineData(0, -3, "0")]
    [InlineData(0, 0, "0")]
    public void FromScaled_KubernetesNewScaledSetTable_CanonicalAndScaledValue(long value, int scale, string expected)
    {
        var q = Quantity.FromScaled(value, scale);

        Assert.Equal(expected, q.ToString());
        Assert.Equal(QuantityFormat.DecimalSI, q.Format);
        Assert.Equal(value, Quantity.Parse(expected).ScaledValue(scale));
    }

    [Theory]
    [InlineData(-9, -9, 1)]
    [InlineData(-9, -6, 1)]
    [InlineData(-9, -3, 1)]
    [InlineData(-9, 0, 1)]
    [InlineData(-6, -9, 1000)]
    [InlineData(-6, -6, 1)]
    [InlineData(-6, -3, 1)]
    [InlineData(-6, 0, 1)]
    [InlineData(-3, -9, 1000 * 1000)]
    [InlineData(-3, -6, 1000)]
    [InlineData(-3, -3, 1)]
    [InlineData(-3, 0, 1)]
    [InlineData(0, -9, 1000 * 1000 * 1000)]
    [InlineData(0, -6, 1000 * 1000)]
    [InlineData(0, -3, 1000)]
    [InlineData(0, 0, 1)]
    [InlineData(2, -2, 100 * 100)]
    [InlineData(-30, 0, 1)]
    [InlineData(20, -1, long.MaxValue)]
    public void ScaledValue_KubernetesTable_RoundedUp(int fromScale, int toScale, long expected)
    {
        Assert.Equal(expected, Quantity.FromScaled(1, fromScale).ScaledValue(toScale));
    }

    [Theory]
    [InlineData("9.01", -3, 9010)]
    [InlineData("9.01", -2, 901)]
    [InlineData("9.01", -1, 91)]
    [InlineData("9.01", 0, 10)]
    [InlineData("9.01", 1, 1)]
    [InlineData("9.01", 2, 1)]
    [InlineData("-9.01", -3, -9010)]
    [InlineData("-9.01", -2, -901)]
    [InlineData("-9.01", -1, -91)]
    [InlineData("-9.01", 0, -10)]
    [InlineData("-9.01", 1, -1)]
    [InlineData("-9.01", 2, -1)]
    public void ScaledValue_KubernetesRoundUpTable_AwayFromZero(string input, int scale, long expected)
    {
        Assert.Equal(expected, Quantity.Parse(input).ScaledValue(scale));
    }

    [Theory]
    [InlineData("0", 0, 0)]
    [InlineData("1", 1, 1000)]
    [InlineData("1k", 1000, 1000000)]
    [InlineData("1Gi", 1L << 30, (1L << 30) * 1000)]
    [InlineData("100m", 1, 100)]
    [InlineData("1001m", 2, 1001)]
    [InlineData("0.1m", 1, 1)]
    [InlineData("1n", 1, 1)]
    [InlineData("-1n", -1, -1)]
    [InlineData("1.5", 2, 1500)]
    [InlineData("-1.5", -2, -1500)]
    [InlineData("1e-2147483647", 1, 1)]
    [InlineData("9223372036854775807", long.MaxValue, long.MaxValue)]
    [InlineData("9223372036854775808", long.MaxValue, long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue, long.MinValue)]
    [InlineData("-9223372036854775809", long.MinValue, long.MinValue)]
    [InlineData("9Ei", long.MaxValue, long.MaxValue)]
    [InlineData("-9Ei", -long.MaxValue, long.MinValue)]
    [InlineData("1Ei", 1L << 60, long.MaxValue)]
    [InlineData("1e19", long.MaxValue, long.MaxValue)]
    [InlineData("1e2147483647", long.MaxValue, long.MaxValue)]
    [InlineData("-1e2147483647", long.MinValue, long.MinValue)]
    public void ValueAndMilliValue_Parsed_RoundedUpAndSaturated(string input, long value, long milliValue)
    {
        var q = Quantity.Parse(input);

        Assert.Equal(value, q.Value());
        Assert.Equal(milliValue, q.MilliValue());
    }

    [Theory]
    [MemberData(nameof(CompareCases))]
    public void CompareTo_KubernetesCmpTable_SignAndAntisymmetry(long xMantissa, int xExponent, long yMantissa, int yExponent, int expected)
    {
        var x = Quantity.FromScaled(xMantissa, xExponent);
        var y = Quantity.FromScaled(yMantissa, yExponent);

        Assert.Equal(expected, Math.Sign(x.CompareTo(y)));
        Assert.Equal(-expected, Math.Sign(y.CompareTo(x)));
        Assert.Equal(expected == 0, x.Equals(y));
        Assert.Equal(expected < 0, x < y);
        Assert.Equal(expected > 0, x > y);
        Assert.Equal(expected <= 0, x <= y);
        Assert.Equal(expected >= 0, x >= y);
    }

    [Theory]
    [MemberData(nameof(CompareTextCases))]
    public void CompareTo_Parsed_ByValueNotFormat(string x, string y, int expected)
    {
        var qx = Quantity.Parse(x);
        var qy = Quantity.Parse(y);

        Assert.Equal(expected, Math.Sign(qx.CompareTo(qy)));
        Assert.Equal(-expected, Math.Sign(qy.CompareTo(qx)));
        Assert.Equal(expected == 0, qx == qy);
        Assert.Equal(expected != 0, qx != qy);
        Assert.Equal(expected == 0, qx.Equals((object)qy));
        if (expected == 0)
        {
            Assert.Equal(qx.GetHashCode(), qy.GetHashCode());
        }
    }

    [Fact]
    public void GetHashCode_EqualValuesInManySpellings_OneDictionaryKey()
    {
        var set = new HashSet<Quantity>
        {
            Quantity.Parse("1k"),
            Quantity.Parse("1000"),
            Quantity.Parse("1e3"),
            Quantity.Parse("1000000m"),
            Quantity.Parse("1000.000"),
            Quantity.FromInt64(1000, QuantityFormat.BinarySI),
            Quantity.FromMilli(1000000),
            Quantity.FromScaled(1, 3),
        };

        Assert.Single(set);
    }

    [Fact]
    public void CompareTo_Null_SortsFirst()
    {
        var q = Quantity.Parse("1");

        Assert.True(q.CompareTo(null) > 0);
        Assert.False(q.Equals(null));
        Assert.False(q == null);
    }

    [Theory]
    [InlineData(10, 0, Dec, 1, 1, Dec, "20", Dec)]
    [InlineData(10, 0, Dec, 1, 0, Bin, "11", Dec)]
    [InlineData(10, 0, Bin, 1, 0, Dec, "11", Bin)]
    [InlineData(0, 0, Dec, 50, 0, Dec, "50", Dec)]
    [InlineData(50, 0, Dec, 0, 0, Dec, "50", Dec)]
    [InlineData(0, 0, Dec, 0, 0, Dec, "0", Dec)]
    [InlineData(0, 0, Dec, 1, 0, Bin, "1", Bin)]
    [InlineData(1, -9, Dec, 1, 18, Dec, "1000000000000000000.000000001", Dec)]
    [InlineData(long.MaxValue, 0, Dec, long.MaxValue, 0, Dec, "18446744073709551614", Dec)]
    public void Add_KubernetesTable_ExactSumAndFormat(long a, int ae, QuantityFormat af, long b, int be, QuantityFormat bf, string expected, QuantityFormat expectedFormat)
    {
        var sum = Quantity.FromScaled(a, ae, af).Add(Quantity.FromScaled(b, be, bf));

        Assert.True(Quantity.Parse(expected) == sum, $"got {sum.ToCanonicalString()}");
        Assert.Equal(expectedFormat, sum.Format);
    }

    [Theory]
    [InlineData(10, 0, Dec, 1, 1, Dec, "0", Dec)]
    [InlineData(10, 0, Dec, 1, 0, Bin, "9", Dec)]
    [InlineData(10, 0, Bin, 1, 0, Dec, "9", Bin)]
    [InlineData(0, 0, Dec, 50, 0, Dec, "-50", Dec)]
    [InlineData(50, 0, Dec, 0, 0, Dec, "50", Dec)]
    [InlineData(0, 0, Dec, 0, 0, Dec, "0", Dec)]
    [InlineData(1, 0, Dec, long.MinValue, 0, Dec, "9223372036854775809", Dec)]
    [InlineData(0, 0, Dec, long.MinValue, 0, Bin, "9223372036854775808", Bin)]
    [InlineData(1, -3, Dec, long.MinValue, -3, Dec, "9223372036854775809m", Dec)]
    public void Subtract_KubernetesTable_ExactDifferenceAndFormat(long a, int ae, QuantityFormat af, long b, int be, QuantityFormat bf, string expected, QuantityFormat expectedFormat)
    {
        var difference = Quantity.FromScaled(a, ae, af).Subtract(Quantity.FromScaled(b, be, bf));

        Assert.True(Quantity.Parse(expected) == difference, $"got {difference.ToCanonicalString()}");
        Assert.Equal(expectedFormat, difference.Format);
    }

    [Fact]
    public void Subtract_ZeroMinusMostNegativeBinary_CanonicalIs8Ei()
    {
        // TestZeroSubMostNegativeInheritsFormat: 2^63 in BinarySI prints as 8Ei (it would not parse back uncapped).
        var q = Quantity.FromInt64(0).Subtract(Quantity.FromInt64(long.MinValue, QuantityFormat.BinarySI));

        Assert.Equal("8Ei", q.ToCanonicalString());
        Assert.Equal(QuantityFormat.BinarySI, q.Format);
    }

    [Fact]
    public void ToCanonicalString_BinaryBeyondEi_StaysInEi()
    {
        var q = Quantity.FromInt64(1L << 60, QuantityFormat.BinarySI);
        for (var i = 0; i < 10; i++)
        {
            q = q.Add(q);
        }

        // 2^70: Go would drop the missing 1024^7 suffix and print "1"; we stop at Ei.
        Assert.Equal("1024Ei", q.ToCanonicalString());
    }

    [Fact]
    public void ToCanonicalString_DecimalSIBelowNano_FallsBackToExponent()
    {
        Assert.Equal("1e-12", Quantity.FromScaled(1, -12).ToCanonicalString());
        Assert.Equal("1500e-12", Quantity.FromScaled(15, -10).ToCanonicalString());
    }

    [Theory]
    [InlineData("100m")]
    [InlineData("1Gi")]
    [InlineData("12e6")]
    public void AddSubtract_Zero_KeepsTheSuffix(string value)
    {
        var q = Quantity.Parse(value);
        var zero = Quantity.Parse("0");

        Assert.Equal(value, q.Add(zero).ToString());
        Assert.Equal(value, zero.Add(q).ToString());
        Assert.Equal(value, q.Subtract(zero).ToString());
        Assert.Equal("-" + value, zero.Subtract(q).ToString());
        Assert.Equal("-" + value, q.Negate().ToString());
    }

    [Fact]
    public void Add_Fractions_Exact()
    {
        var sum = Quantity.Parse("0.1").Add(Quantity.Parse("0.2"));

        Assert.Equal("300m", sum.ToString());
        Assert.Equal(Quantity.Parse("0.3"), sum);
    }

    [Fact]
    public void Add_ExponentsTooFarApart_Overflow()
    {
        Assert.Throws<OverflowException>(() => Quantity.Parse("1e999999").Add(Quantity.Parse("1")));
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("2Ki", 2048.0)]
    [InlineData("1.1Ki", 1126.4)]
    [InlineData("1Mi", 1048576.0)]
    [InlineData("2Gi", 2147483648.0)]
    [InlineData("100m", 0.1)]
    [InlineData("12E", 1.2e19)]
    [InlineData("-7.5", -7.5)]
    [InlineData("1e500", double.PositiveInfinity)]
    [InlineData("-1e500", double.NegativeInfinity)]
    public void ToDouble_KubernetesFloatTable_NearestDouble(string input, double expected)
    {
        Assert.Equal(expected, Quantity.Parse(input).ToDouble());
    }

    [Theory]
    [InlineData("\"1024Mi\"", "1024Mi", 1L << 30)]
    [InlineData("\"1Gi\"", "1Gi", 1L << 30)]
    [InlineData("\"500m\"", "500m", 1)]
    [InlineData("1", "1", 1)]
    [InlineData("10", "10", 10)]
    [InlineData("-1", "-1", -1)]
    [InlineData(" -1", "-1", -1)]
    [InlineData("0.5", "0.5", 1)]
    [InlineData("1e3", "1e3", 1000)]
    [InlineData("1.5E+3", "1.5E+3", 1500)]
    [InlineData("\" 1\"", "1", 1)]
    [InlineData("\"1 \"", "1", 1)]
    [InlineData("\"\\t2Ki\\n\"", "2Ki", 2048)]
    public void JsonRead_StringOrNumber_TextKeptAndWrittenBack(string json, string expectedText, long expectedValue)
    {
        var q = JsonSerializer.Deserialize<Quantity>(json)!;

        Assert.Equal(expectedText, q.ToString());
        Assert.Equal(expectedValue, q.Value());
        Assert.Equal(expectedText, JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(q)));
    }

    [Theory]
    [InlineData("\"1KiB\"", Quantity.ErrFormatWrong)]
    [InlineData("\"\"", Quantity.ErrFormatWrong)]
    [InlineData("\"1i\"", Quantity.ErrSuffix)]
    [InlineData("\"+\"", Quantity.ErrFormatWrong)]
    public void JsonRead_InvalidText_JsonExceptionWithKubernetesError(string json, string expectedError)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Quantity>(json));

        Assert.Contains(expectedError, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[\"1\"]")]
    public void JsonRead_NotStringOrNumber_JsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Quantity>(json));
    }

    [Fact]
    public void JsonRead_Null_NullQuantity()
    {
        Assert.Null(JsonSerializer.Deserialize<Quantity?>("null"));
    }

    [Fact]
    public void JsonWrite_BuiltInCode_CanonicalForm()
    {
        Assert.Equal("\"1k\"", JsonSerializer.Serialize(Quantity.FromInt64(1000)));
        Assert.Equal("\"1Gi\"", JsonSerializer.Serialize(Quantity.FromInt64(1L << 30, QuantityFormat.BinarySI)));
        Assert.Equal("\"500m\"", JsonSerializer.Serialize(Quantity.Parse("0.25").Add(Quantity.Parse("250m"))));
    }

    [Fact]
    public void JsonRoundTrip_ResourceMap_UserSpellingPreserved()
    {
        const string json = """{"cpu":"1000m","memory":"1024Mi","storage":"0.5Ti","pods":110}""";

        var map = JsonSerializer.Deserialize<Dictionary<string, Quantity>>(json)!;

        Assert.Equal("""{"cpu":"1000m","memory":"1024Mi","storage":"0.5Ti","pods":"110"}""", JsonSerializer.Serialize(map));
        Assert.Equal(Quantity.Parse("1"), map["cpu"]);
        Assert.Equal("1Gi", map["memory"].ToCanonicalString());
        Assert.Equal("512Gi", map["storage"].ToCanonicalString());
    }
}
