using System.Text.Json;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>
/// Duration against Go's time/time_test.go (parseDurationTests, parseDurationErrorTests, durationTests) and the JSON
/// form of metav1.Duration.
/// </summary>
public sealed class DurationTests
{
    private const long Nanosecond = 1;
    private const long Microsecond = 1000 * Nanosecond;
    private const long Millisecond = 1000 * Microsecond;
    private const long Second = 1000 * Millisecond;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    /// <summary>parseDurationTests: text → nanoseconds.</summary>
    public static TheoryData<string, long> ParseCases => new()
    {
        // simple
        { "0", 0 },
        { "5s", 5 * Second },
        { "30s", 30 * Second },
        { "1478s", 1478 * Second },

        // sign
        { "-5s", -5 * Second },
        { "+5s", 5 * Second },
        { "-0", 0 },
        { "+0", 0 },
        { "-0s", 0 },

        // decimal
        { "5.0s", 5 * Second },
        { "5.6s", (5 * Second) + (600 * Millisecond) },
        { "5.s", 5 * Second },
        { ".5s", 500 * Millisecond },
        { "1.0s", 1 * Second },
        { "1.00s", 1 * Second },
        { "1.004s", (1 * Second) + (4 * Millisecond) },
        { "1.0040s", (1 * Second) + (4 * Millisecond) },
        { "100.00100s", (100 * Second) + (1 * Millisecond) },
        { "1.h", 1 * Hour },
        { "1.5h", 90 * Minute },
        { "-1.5h", -90 * Minute },

        // different units
        { "10ns", 10 * Nanosecond },
        { "11us", 11 * Microsecond },
        { "12\u00b5s", 12 * Microsecond },
        { "12\u03bcs", 12 * Microsecond },
        { "13ms", 13 * Millisecond },
        { "14s", 14 * Second },
        { "15m", 15 * Minute },
        { "16h", 16 * Hour },

        // composite durations
        { "3h30m", (3 * Hour) + (30 * Minute) },
        { "1h30m", 90 * Minute },
        { "10.5s4m", (4 * Minute) + (10 * Second) + (500 * Millisecond) },
        { "-2m3.4s", -((2 * Minute) + (3 * Second) + (400 * Millisecond)) },
        { "1h2m3s4ms5us6ns", (1 * Hour) + (2 * Minute) + (3 * Second) + (4 * Millisecond) + (5 * Microsecond) + (6 * Nanosecond) },
        { "39h9m14.425s", (39 * Hour) + (9 * Minute) + (14 * Second) + (425 * Millisecond) },
        { "1h1h", 2 * Hour },

        // large value
        { "52763797000ns", 52763797000 * Nanosecond },

        // more than 9 digits after decimal point, see https://golang.org/issue/6617
        { "0.3333333333333333333h", 20 * Minute },

        // 9007199254740993 = 1<<53+1 cannot be stored precisely in a float64
        { "9007199254740993ns", ((1L << 53) + 1) * Nanosecond },

        // largest duration that can be represented by int64 in nanoseconds
        { "9223372036854775807ns", long.MaxValue },
        { "9223372036854775.807us", long.MaxValue },
        { "9223372036s854ms775us807ns", long.MaxValue },
        { "-9223372036854775808ns", long.MinValue },
        { "-9223372036854775.808us", long.MinValue },
        { "-9223372036s854ms775us808ns", long.MinValue },

        // largest negative round trip value, see https://golang.org/issue/48629
        { "-2562047h47m16.854775808s", long.MinValue },

        // huge string; issue 15011.
        { "0.100000000000000000000h", 6 * Minute },

        // This value tests the first overflow check in leadingFraction.
        { "0.830103483285477580700h", (49 * Minute) + (48 * Second) + (372539827 * Nanosecond) },
    };

    /// <summary>parseDurationErrorTests (the ones a .NET string can hold) and more, with Go's whole message.</summary>
    public static TheoryData<string, string> ErrorCases => new()
    {
        { "", "time: invalid duration \"\"" },
        { "3", "time: missing unit in duration \"3\"" },
        { "1", "time: missing unit in duration \"1\"" },
        { "-", "time: invalid duration \"-\"" },
        { "s", "time: invalid duration \"s\"" },
        { "h", "time: invalid duration \"h\"" },
        { ".", "time: invalid duration \".\"" },
        { "-.", "time: invalid duration \"-.\"" },
        { ".s", "time: invalid duration \".s\"" },
        { "+.s", "time: invalid duration \"+.s\"" },
        { "--1s", "time: invalid duration \"--1s\"" },
        { "1s-1s", "time: unknown unit \"s-\" in duration \"1s-1s\"" },
        { " 1s", "time: invalid duration \" 1s\"" },
        { "1d", "time: unknown unit \"d\" in duration \"1d\"" },
        { "1H", "time: unknown unit \"H\" in duration \"1H\"" },
        { "1s ", "time: unknown unit \"s \" in duration \"1s \"" },
        { "1h 30m", "time: unknown unit \"h \" in duration \"1h 30m\"" },
        { "1e3s", "time: unknown unit \"e\" in duration \"1e3s\"" },
        { "1.5.5s", "time: missing unit in duration \"1.5.5s\"" },
        { "1\u00b5", "time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\"" },
        { "\uFFFD", "time: invalid duration \"\\xef\\xbf\\xbd\"" },
        { "\uFFFD hello \uFFFD world", "time: invalid duration \"\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world\"" },
        { "1\"s", "time: unknown unit \"\\\"s\" in duration \"1\\\"s\"" },
        { "1\ts", "time: unknown unit \"\\x09s\" in duration \"1\\x09s\"" },

        // overflow
        { "9223372036854775810ns", "time: invalid duration \"9223372036854775810ns\"" },
        { "9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"" },
        { "-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\"" },
        { "9223372036854776us", "time: invalid duration \"9223372036854776us\"" },
        { "3000000h", "time: invalid duration \"3000000h\"" },
        { "9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\"" },
        { "9223372036854ms775us808ns", "time: invalid duration \"9223372036854ms775us808ns\"" },
        { "99999999999999999999999s", "time: invalid duration \"99999999999999999999999s\"" },
    };

    /// <summary>durationTests: nanoseconds → Go's String().</summary>
    public static TheoryData<string, long> StringCases => new()
    {
        { "0s", 0 },
        { "1ns", 1 * Nanosecond },
        { "999ns", 999 * Nanosecond },
        { "1.1\u00b5s", 1100 * Nanosecond },
        { "1\u00b5s", 1 * Microsecond },
        { "2.2ms", 2200 * Microsecond },
        { "1.234ms", 1234 * Microsecond },
        { "999.999999ms", Second - 1 },
        { "3.3s", 3300 * Millisecond },
        { "1.5s", 1500 * Millisecond },
        { "1s", Second },
        { "4m5s", (4 * Minute) + (5 * Second) },
        { "4m5.001s", (4 * Minute) + (5001 * Millisecond) },
        { "1m30s", 90 * Second },
        { "1m0s", Minute },
        { "1h0m0s", Hour },
        { "1h30m0s", 90 * Minute },
        { "5h6m7.001s", (5 * Hour) + (6 * Minute) + (7001 * Millisecond) },
        { "8m0.000000001s", (8 * Minute) + (1 * Nanosecond) },
        { "2562047h47m16.854775807s", long.MaxValue },
        { "-2562047h47m16.854775808s", long.MinValue },
    };

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Parse_GoTable_Nanoseconds(string text, long expected)
    {
        var d = Duration.Parse(text);

        Assert.Equal(expected, d.Nanoseconds);
        Assert.Equal(text, d.ToString());
        Assert.True(Duration.TryParse(text, out var viaTry, out var error));
        Assert.Equal(expected, viaTry.Nanoseconds);
        Assert.Equal("", error);
    }

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void ToGoString_ParsedGoTable_ParsesBackToSameValue(string text, long expected)
    {
        var goString = Duration.Parse(text).ToGoString();

        Assert.Equal(expected, Duration.Parse(goString).Nanoseconds);
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void TryParse_Invalid_GoError(string text, string expectedError)
    {
        Assert.False(Duration.TryParse(text, out var d, out var error));
        Assert.Equal(default, d);
        Assert.Equal(expectedError, error);
        Assert.False(Duration.TryParse(text, out _));
        var ex = Assert.Throws<FormatException>(() => Duration.Parse(text));
        Assert.Equal(expectedError, ex.Message);
    }

    [Theory]
    [MemberData(nameof(StringCases))]
    public void ToGoString_GoTable_GoForm(string expected, long nanoseconds)
    {
        var d = Duration.FromNanoseconds(nanoseconds);

        Assert.Equal(expected, d.ToGoString());
        Assert.Equal(expected, d.ToString());
        Assert.Equal(nanoseconds, Duration.Parse(expected).Nanoseconds);
    }

    [Theory]
    [MemberData(nameof(StringCases))]
    public void ToGoString_GoTableNegated_MinusPrefix(string expected, long nanoseconds)
    {
        if (nanoseconds is 0 or long.MinValue)
        {
            Assert.Equal(expected, Duration.FromNanoseconds(nanoseconds).ToGoString());
            return;
        }

        Assert.Equal(
            expected.StartsWith('-') ? expected[1..] : "-" + expected,
            Duration.FromNanoseconds(-nanoseconds).ToGoString());
    }

    [Fact]
    public void Equals_DifferentSpellingsOfOneLength_EqualWithSameHash()
    {
        var a = Duration.Parse("60s");
        var b = Duration.Parse("1m");
        var c = Duration.Parse("59.999999999s");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("60s", a.ToString());
        Assert.Equal("1m", b.ToString());
        Assert.NotEqual(a, c);
        Assert.True(c < a);
    }

    [Theory]
    [InlineData("1s", "2s", -1)]
    [InlineData("1m", "59s", 1)]
    [InlineData("-1h", "1ns", -1)]
    [InlineData("1h", "3600s", 0)]
    public void CompareTo_Durations_ByLength(string x, string y, int expected)
    {
        var dx = Duration.Parse(x);
        var dy = Duration.Parse(y);

        Assert.Equal(expected, Math.Sign(dx.CompareTo(dy)));
        Assert.Equal(expected < 0, dx < dy);
        Assert.Equal(expected > 0, dx > dy);
        Assert.Equal(expected <= 0, dx <= dy);
        Assert.Equal(expected >= 0, dx >= dy);
    }

    [Theory]
    [InlineData("1.5s", 15_000_000)]
    [InlineData("150ns", 1)]
    [InlineData("99ns", 0)]
    [InlineData("-150ns", -1)]
    [InlineData("1h30m", 54_000_000_000)]
    public void Value_Parsed_TimeSpanTruncatedToTicks(string text, long expectedTicks)
    {
        Assert.Equal(TimeSpan.FromTicks(expectedTicks), Duration.Parse(text).Value);
    }

    [Fact]
    public void FromTimeSpan_Minutes_GoForm()
    {
        var d = Duration.FromTimeSpan(TimeSpan.FromMinutes(90));

        Assert.Equal(90 * Minute, d.Nanoseconds);
        Assert.Equal("1h30m0s", d.ToString());
        Assert.Equal(TimeSpan.FromMinutes(90), d.Value);
    }

    [Fact]
    public void FromTimeSpan_BeyondInt64Nanoseconds_Overflow()
    {
        Assert.Throws<OverflowException>(() => Duration.FromTimeSpan(TimeSpan.MaxValue));
    }

    [Fact]
    public void Default_ZeroPrintedAsGo()
    {
        Duration d = default;

        Assert.Equal(0, d.Nanoseconds);
        Assert.Equal("0s", d.ToString());
        Assert.Equal(Duration.Parse("0"), d);
    }

    [Theory]
    [InlineData("\"1h30m\"", "1h30m", 90 * Minute)]
    [InlineData("\"90m\"", "90m", 90 * Minute)]
    [InlineData("\"0\"", "0", 0)]
    [InlineData("\"-1.5s\"", "-1.5s", -1500 * Millisecond)]
    [InlineData("\"1\\u00b5s\"", "1\u00b5s", Microsecond)]
    public void JsonRead_GoString_TextKept(string json, string expectedText, long expectedNanoseconds)
    {
        var d = JsonSerializer.Deserialize<Duration>(json);

        Assert.Equal(expectedNanoseconds, d.Nanoseconds);
        Assert.Equal(expectedText, d.ToString());
        Assert.Equal(expectedText, JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(d)));
    }

    [Theory]
    [InlineData("\"1d\"", "time: unknown unit \"d\" in duration \"1d\"")]
    [InlineData("\"\"", "time: invalid duration \"\"")]
    [InlineData("\"30\"", "time: missing unit in duration \"30\"")]
    public void JsonRead_InvalidText_JsonExceptionWithGoError(string json, string expectedError)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Duration>(json));

        Assert.Contains(expectedError, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    public void JsonRead_NotAString_JsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Duration>(json));
    }

    [Fact]
    public void JsonRead_NullForNullable_Null()
    {
        Assert.Null(JsonSerializer.Deserialize<Duration?>("null"));
    }

    [Fact]
    public void JsonWrite_BuiltInCode_GoForm()
    {
        Assert.Equal("\"5m0s\"", JsonSerializer.Serialize(Duration.FromTimeSpan(TimeSpan.FromMinutes(5))));
        Assert.Equal("\"0s\"", JsonSerializer.Serialize(default(Duration)));
    }
}
