using System.Text.Json;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Serialization;

/// <summary>
/// RFC 3339 parsing and the metav1.Time / metav1.MicroTime forms (UTC; seconds, or exactly six fractional digits),
/// and <see cref="Rfc3339TimeConverter"/> through a plain <see cref="JsonSerializerOptions"/>.
/// </summary>
public sealed class Rfc3339Tests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new Rfc3339TimeConverter() } };

    /// <summary>Text → the UTC instant in ticks, and the offset in minutes the result keeps.</summary>
    public static TheoryData<string, long, int> ValidCases => new()
    {
        { "2025-03-01T10:00:00Z", Utc(2025, 3, 1, 10, 0, 0), 0 },
        { "2025-03-01t10:00:00z", Utc(2025, 3, 1, 10, 0, 0), 0 },
        { "2025-03-01T10:00:00z", Utc(2025, 3, 1, 10, 0, 0), 0 },
        { "2025-03-01t10:00:00Z", Utc(2025, 3, 1, 10, 0, 0), 0 },
        { "2025-03-01T10:00:00+00:00", Utc(2025, 3, 1, 10, 0, 0), 0 },
        { "2025-03-01T10:00:00-00:00", Utc(2025, 3, 1, 10, 0, 0), 0 },
        { "2025-03-01T10:00:00+02:00", Utc(2025, 3, 1, 8, 0, 0), 120 },
        { "2025-03-01T10:00:00-05:30", Utc(2025, 3, 1, 15, 30, 0), -330 },
        { "2025-03-01T00:30:00+01:00", Utc(2025, 2, 28, 23, 30, 0), 60 },
        { "2025-03-01T10:00:00.5Z", Utc(2025, 3, 1, 10, 0, 0) + 5_000_000, 0 },
        { "2025-03-01T10:00:00.000001Z", Utc(2025, 3, 1, 10, 0, 0) + 10, 0 },
        { "2025-03-01T10:00:00.1234567Z", Utc(2025, 3, 1, 10, 0, 0) + 1_234_567, 0 },
        { "2025-03-01T10:00:00.123456789Z", Utc(2025, 3, 1, 10, 0, 0) + 1_234_567, 0 },
        { "2025-03-01T10:00:00.999999999Z", Utc(2025, 3, 1, 10, 0, 0) + 9_999_999, 0 },
        { "2025-03-01T10:00:00.00000000000000000001Z", Utc(2025, 3, 1, 10, 0, 0), 0 },
        { "2025-03-01T10:00:00.25+02:00", Utc(2025, 3, 1, 8, 0, 0) + 2_500_000, 120 },
        { "2024-02-29T23:59:59Z", Utc(2024, 2, 29, 23, 59, 59), 0 },
        { "2000-02-29T00:00:00Z", Utc(2000, 2, 29, 0, 0, 0), 0 },
        { "0001-01-01T00:00:00Z", 0, 0 },
        { "9999-12-31T23:59:59.9999999Z", DateTime.MaxValue.Ticks, 0 },
        { "0001-01-01T00:00:00-01:00", Utc(1, 1, 1, 1, 0, 0), -60 },

        // Offsets DateTimeOffset cannot hold (beyond ±14:00) come back as the same instant in UTC.
        { "2025-03-01T10:00:00+23:59", Utc(2025, 2, 28, 10, 1, 0), 0 },
        { "2025-03-01T10:00:00-15:00", Utc(2025, 3, 2, 1, 0, 0), 0 },
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void TryParse_Valid_InstantAndOffset(string text, long expectedUtcTicks, int expectedOffsetMinutes)
    {
        Assert.True(Rfc3339.TryParse(text, out var value));

        Assert.Equal(expectedUtcTicks, value.UtcTicks);
        Assert.Equal(TimeSpan.FromMinutes(expectedOffsetMinutes), value.Offset);
        Assert.Equal(value, Rfc3339.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-03-01")]
    [InlineData("2025-03-01T10:00:00")]
    [InlineData("2025-03-01T10:00:00.5")]
    [InlineData("2025-03-01 10:00:00Z")]
    [InlineData("2025-03-01X10:00:00Z")]
    [InlineData("2025-02-30T10:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("1900-02-29T00:00:00Z")]
    [InlineData("2025-04-31T00:00:00Z")]
    [InlineData("2025-13-01T00:00:00Z")]
    [InlineData("2025-00-01T00:00:00Z")]
    [InlineData("2025-03-00T00:00:00Z")]
    [InlineData("2025-03-01T24:00:00Z")]
    [InlineData("2025-03-01T10:60:00Z")]
    [InlineData("2025-03-01T10:00:60Z")]
    [InlineData("2025-03-01T10:00:00.Z")]
    [InlineData("2025-03-01T10:00:00,5Z")]
    [InlineData("2025-03-01T10:00:00+0200")]
    [InlineData("2025-03-01T10:00:00+02")]
    [InlineData("2025-03-01T10:00:00+2:00")]
    [InlineData("2025-03-01T10:00:00+24:00")]
    [InlineData("2025-03-01T10:00:00+02:60")]
    [InlineData("2025-03-01T10:00:00 +02:00")]
    [InlineData("2025-03-01T10:00:00UTC")]
    [InlineData("2025-03-01T10:00:00ZZ")]
    [InlineData("2025-03-01T10:00:00Z ")]
    [InlineData(" 2025-03-01T10:00:00Z")]
    [InlineData("2025-03-01T1:00:00Z")]
    [InlineData("25-03-01T10:00:00Z")]
    [InlineData("2025-3-01T10:00:00Z")]
    [InlineData("+2025-03-01T10:00:00Z")]
    [InlineData("\uff12\uff10\uff12\uff15-03-01T10:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    public void TryParse_Invalid_False(string text)
    {
        Assert.False(Rfc3339.TryParse(text, out var value));
        Assert.Equal(default, value);
        var ex = Assert.Throws<FormatException>(() => Rfc3339.Parse(text));
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2025, 3, 1, 10, 0, 0, 0, 0, "2025-03-01T10:00:00Z")]
    [InlineData(2025, 3, 1, 10, 0, 0, 9_999_999, 0, "2025-03-01T10:00:00Z")]
    [InlineData(2025, 3, 1, 12, 0, 0, 0, 120, "2025-03-01T10:00:00Z")]
    [InlineData(2025, 3, 1, 0, 30, 0, 0, 60, "2025-02-28T23:30:00Z")]
    [InlineData(2024, 12, 31, 20, 0, 0, 0, -300, "2025-01-01T01:00:00Z")]
    [InlineData(1, 1, 1, 0, 0, 0, 0, 0, "0001-01-01T00:00:00Z")]
    public void Format_AnyOffset_UtcWholeSecondsTruncated(int year, int month, int day, int hour, int minute, int second, int extraTicks, int offsetMinutes, string expected)
    {
        var value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(extraTicks);

        Assert.Equal(expected, Rfc3339.Format(value));
    }

    [Theory]
    [InlineData(0, 0, "2025-03-01T10:00:00.000000Z")]
    [InlineData(1_234_567, 0, "2025-03-01T10:00:00.123456Z")]
    [InlineData(9_999_999, 0, "2025-03-01T10:00:00.999999Z")]
    [InlineData(10, 0, "2025-03-01T10:00:00.000001Z")]
    [InlineData(9, 0, "2025-03-01T10:00:00.000000Z")]
    [InlineData(5_000_000, 120, "2025-03-01T08:00:00.500000Z")]
    public void FormatMicro_AnyOffset_UtcSixDigitsTruncated(int extraTicks, int offsetMinutes, string expected)
    {
        var value = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(extraTicks);

        Assert.Equal(expected, Rfc3339.FormatMicro(value));
    }

    [Theory]
    [InlineData("2025-03-01T10:00:00Z")]
    [InlineData("2025-03-01T10:00:00.123456Z")]
    [InlineData("1999-12-31T23:59:59.999999Z")]
    public void FormatMicro_Parsed_RoundTripsExactly(string text)
    {
        Assert.Equal(text.Contains('.', StringComparison.Ordinal) ? text : text.Replace("Z", ".000000Z", StringComparison.Ordinal), Rfc3339.FormatMicro(Rfc3339.Parse(text)));
    }

    [Theory]
    [InlineData("\"2025-03-01T12:00:00+02:00\"", "\"2025-03-01T10:00:00Z\"")]
    [InlineData("\"2025-03-01T10:00:00.987654321Z\"", "\"2025-03-01T10:00:00Z\"")]
    [InlineData("\"2025-03-01t10:00:00z\"", "\"2025-03-01T10:00:00Z\"")]
    public void Converter_ReadThenWrite_MetaV1TimeForm(string json, string expected)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        Assert.Equal(expected, JsonSerializer.Serialize(value, Options));
    }

    [Fact]
    public void Converter_Read_KeepsInstantAndOffset()
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>("\"2025-03-01T12:00:00.5+02:00\"", Options);

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddMilliseconds(500), value);
        Assert.Equal(TimeSpan.FromHours(2), value.Offset);
    }

    [Theory]
    [InlineData("\"2025-03-01T10:00:00\"")]
    [InlineData("\"2025-02-30T10:00:00Z\"")]
    [InlineData("\"\"")]
    [InlineData("1740823200")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Converter_ReadInvalid_JsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));
    }

    [Fact]
    public void Converter_ZeroTime_NullBothWaysAsMetaV1Time()
    {
        Assert.Equal("null", JsonSerializer.Serialize(default(DateTimeOffset), Options));
        Assert.Equal(default, JsonSerializer.Deserialize<DateTimeOffset>("null", Options));
        Assert.Equal("\"0001-01-01T00:00:01Z\"", JsonSerializer.Serialize(DateTimeOffset.MinValue.AddSeconds(1), Options));
    }

    [Fact]
    public void Converter_NullableProperty_NullStaysNull()
    {
        var holder = JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset?>>("""{"deletionTimestamp":null,"creationTimestamp":"2025-03-01T10:00:00Z"}""", Options)!;

        Assert.Null(holder["deletionTimestamp"]);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), holder["creationTimestamp"]);
        Assert.Equal("""{"deletionTimestamp":null,"creationTimestamp":"2025-03-01T10:00:00Z"}""", JsonSerializer.Serialize(holder, Options));
    }

    private static long Utc(int year, int month, int day, int hour, int minute, int second) =>
        new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
}
