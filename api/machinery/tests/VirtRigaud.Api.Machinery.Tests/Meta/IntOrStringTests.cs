using System.Text.Json;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>
/// IntOrString against k8s.io/apimachinery/pkg/util/intstr: GetScaledValueFromIntOrPercent (intstr_test.go's
/// TestGetScaledValueFromIntOrPercent table and more), its error texts, and the JSON forms of UnmarshalJSON/MarshalJSON.
/// </summary>
public sealed class IntOrStringTests
{
    private const string NotAPercentage = "invalid value for IntOrString: invalid type: string is not a percentage";

    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("0%", 10, true, 0)]
    [InlineData("0%", 10, false, 0)]
    [InlineData("100%", 10, true, 10)]
    [InlineData("100%", 10, false, 10)]
    [InlineData("90%", 100, true, 90)]
    [InlineData("90%", 95, true, 86)]
    [InlineData("90%", 95, false, 85)]
    [InlineData("50%", 5, true, 3)]
    [InlineData("50%", 5, false, 2)]
    [InlineData("10%", 7, true, 1)]
    [InlineData("10%", 7, false, 0)]
    [InlineData("1%", 1, true, 1)]
    [InlineData("1%", 1, false, 0)]
    [InlineData("200%", 3, true, 6)]
    [InlineData("33%", 100, false, 33)]
    [InlineData("25%", 0, true, 0)]
    [InlineData("-25%", 10, true, -2)]
    [InlineData("-25%", 10, false, -3)]
    [InlineData("+25%", 10, true, 3)]
    [InlineData("007%", 100, true, 7)]
    [InlineData("25%", -10, true, -2)]
    [InlineData("25%", -10, false, -3)]
    public void GetScaledValue_Percentage_ScaledAndRounded(string value, int total, bool roundUp, int expected)
    {
        var intOrString = IntOrString.FromString(value);

        Assert.Equal(expected, intOrString.GetScaledValue(total, roundUp));
        Assert.True(intOrString.TryGetScaledValue(total, roundUp, out var scaled, out var error));
        Assert.Equal(expected, scaled);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(123, 0, true)]
    [InlineData(5, 10, true)]
    [InlineData(5, 10, false)]
    [InlineData(-3, 10, true)]
    [InlineData(0, 10, false)]
    [InlineData(int.MaxValue, 1, true)]
    public void GetScaledValue_Int_ReturnedUnscaled(int value, int total, bool roundUp)
    {
        Assert.Equal(value, IntOrString.FromInt(value).GetScaledValue(total, roundUp));
    }

    [Theory]
    [InlineData("90", NotAPercentage)]
    [InlineData("90#", NotAPercentage)]
    [InlineData("", NotAPercentage)]
    [InlineData("%25", NotAPercentage)]
    [InlineData("%", "invalid value for IntOrString: invalid value \"%\": strconv.Atoi: parsing \"\": invalid syntax")]
    [InlineData("#%", "invalid value for IntOrString: invalid value \"#%\": strconv.Atoi: parsing \"#\": invalid syntax")]
    [InlineData("x%", "invalid value for IntOrString: invalid value \"x%\": strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("-%", "invalid value for IntOrString: invalid value \"-%\": strconv.Atoi: parsing \"-\": invalid syntax")]
    [InlineData("1.5%", "invalid value for IntOrString: invalid value \"1.5%\": strconv.Atoi: parsing \"1.5\": invalid syntax")]
    [InlineData(" 5%", "invalid value for IntOrString: invalid value \" 5%\": strconv.Atoi: parsing \" 5\": invalid syntax")]
    [InlineData("5 %", "invalid value for IntOrString: invalid value \"5 %\": strconv.Atoi: parsing \"5 \": invalid syntax")]
    [InlineData("1_0%", "invalid value for IntOrString: invalid value \"1_0%\": strconv.Atoi: parsing \"1_0\": invalid syntax")]
    [InlineData("25%%", "invalid value for IntOrString: invalid value \"25%%\": strconv.Atoi: parsing \"25%\": invalid syntax")]
    [InlineData("\"5\"%", "invalid value for IntOrString: invalid value \"\\\"5\\\"%\": strconv.Atoi: parsing \"\\\"5\\\"\": invalid syntax")]
    [InlineData("\n%", "invalid value for IntOrString: invalid value \"\\n%\": strconv.Atoi: parsing \"\\n\": invalid syntax")]
    [InlineData("99999999999999999999%", "invalid value for IntOrString: invalid value \"99999999999999999999%\": strconv.Atoi: parsing \"99999999999999999999\": value out of range")]
    [InlineData("9223372036854775808%", "invalid value for IntOrString: invalid value \"9223372036854775808%\": strconv.Atoi: parsing \"9223372036854775808\": value out of range")]
    [InlineData("18446744073709551615x%", "invalid value for IntOrString: invalid value \"18446744073709551615x%\": strconv.Atoi: parsing \"18446744073709551615x\": invalid syntax")]
    [InlineData("184467440737095516150x%", "invalid value for IntOrString: invalid value \"184467440737095516150x%\": strconv.Atoi: parsing \"184467440737095516150x\": value out of range")]
    public void GetScaledValue_NotAPercentage_KubernetesError(string value, string expectedError)
    {
        var intOrString = IntOrString.FromString(value);

        var ex = Assert.Throws<FormatException>(() => intOrString.GetScaledValue(10, true));
        Assert.Equal(expectedError, ex.Message);
        Assert.False(intOrString.TryGetScaledValue(10, false, out var scaled, out var error));
        Assert.Equal(0, scaled);
        Assert.Equal(expectedError, error);
        Assert.False(intOrString.IsPercent);
    }

    [Fact]
    public void GetScaledValue_ResultBeyondInt_Overflow()
    {
        Assert.Throws<OverflowException>(() => IntOrString.FromString("9223372036854775807%").GetScaledValue(100, true));
    }

    [Theory]
    [InlineData("25%", true)]
    [InlineData("-5%", true)]
    [InlineData("+5%", true)]
    [InlineData("0%", true)]
    [InlineData("-9223372036854775808%", true)]
    [InlineData("%", false)]
    [InlineData("25", false)]
    [InlineData("x%", false)]
    [InlineData("http", false)]
    public void IsPercent_String_WhetherScalable(string value, bool expected)
    {
        Assert.Equal(expected, IntOrString.FromString(value).IsPercent);
    }

    [Fact]
    public void Kinds_IntAndString_DistinctValues()
    {
        var i = IntOrString.FromInt(1);
        var s = IntOrString.FromString("1");

        Assert.True(i.IsInt);
        Assert.False(s.IsInt);
        Assert.Equal(1, i.IntValue);
        Assert.Null(i.StringValue);
        Assert.Equal(0, s.IntValue);
        Assert.Equal("1", s.StringValue);
        Assert.NotEqual(i, s);
        Assert.Equal(IntOrString.FromInt(1), i);
        Assert.Equal(IntOrString.FromString("1"), s);
        Assert.Equal("1", i.ToString());
        Assert.Equal("1", s.ToString());
        Assert.False(IntOrString.FromInt(25).IsPercent);
    }

    [Fact]
    public void Default_IsIntZero()
    {
        IntOrString value = default;

        Assert.True(value.IsInt);
        Assert.Equal(0, value.IntValue);
        Assert.Equal(IntOrString.FromInt(0), value);
        Assert.Equal("0", value.ToString());
    }

    [Fact]
    public void ImplicitConversions_IntAndString_Kind()
    {
        IntOrString port = 8080;
        IntOrString name = "http";

        Assert.Equal(IntOrString.FromInt(8080), port);
        Assert.Equal(IntOrString.FromString("http"), name);
    }

    [Theory]
    [InlineData("8080", true, 8080, null)]
    [InlineData("-1", true, -1, null)]
    [InlineData("0", true, 0, null)]
    [InlineData("2147483647", true, int.MaxValue, null)]
    [InlineData("-2147483648", true, int.MinValue, null)]
    [InlineData("\"http\"", false, 0, "http")]
    [InlineData("\"25%\"", false, 0, "25%")]
    [InlineData("\"8080\"", false, 0, "8080")]
    [InlineData("\"\"", false, 0, "")]
    public void JsonRoundTrip_IntOrString_KindAndTextPreserved(string json, bool isInt, int intValue, string? stringValue)
    {
        var value = JsonSerializer.Deserialize<IntOrString>(json);

        Assert.Equal(isInt, value.IsInt);
        Assert.Equal(intValue, value.IntValue);
        Assert.Equal(stringValue, value.StringValue);
        Assert.Equal(json, JsonSerializer.Serialize(value));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("1.0")]
    [InlineData("3000000000")]
    [InlineData("-2147483649")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[1]")]
    public void JsonRead_NotInt32OrString_JsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IntOrString>(json));
    }

    [Fact]
    public void JsonRead_NullForNonNullable_IntZeroAsGo()
    {
        var value = JsonSerializer.Deserialize<IntOrString>("null");

        Assert.Equal(IntOrString.FromInt(0), value);
    }

    [Fact]
    public void JsonRead_NullForNullable_Null()
    {
        Assert.Null(JsonSerializer.Deserialize<IntOrString?>("null"));
        Assert.Equal(IntOrString.FromString("50%"), JsonSerializer.Deserialize<IntOrString?>("\"50%\""));
    }

    [Fact]
    public void JsonRoundTrip_InsideObject_EachKindKept()
    {
        const string json = """{"maxUnavailable":"25%","port":8080,"target":"http"}""";

        var map = JsonSerializer.Deserialize<Dictionary<string, IntOrString>>(json)!;

        Assert.Equal(IntOrString.FromString("25%"), map["maxUnavailable"]);
        Assert.Equal(IntOrString.FromInt(8080), map["port"]);
        Assert.Equal(3, map["maxUnavailable"].GetScaledValue(10, roundUp: true));
        Assert.Equal(json, JsonSerializer.Serialize(map));
    }
}
