using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Patch;

public sealed class JsonNodeEqualityTests
{
    private static readonly JsonSerializerOptions ReflectionOptions = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Theory]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("\"x\"", "\"x\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"\\u0041\"", "\"A\"")]
    [InlineData("1", "1")]
    [InlineData("1", "1.0")]
    [InlineData("1", "1e0")]
    [InlineData("1", "1E+0")]
    [InlineData("10", "1e1")]
    [InlineData("100", "1E+2")]
    [InlineData("100", "0.001e5")]
    [InlineData("0.5", "5e-1")]
    [InlineData("0.5", "0.50000")]
    [InlineData("-1.50", "-1.5")]
    [InlineData("-150", "-1.5e2")]
    [InlineData("0", "-0")]
    [InlineData("0", "0.0e10")]
    [InlineData("0", "-0.000E-7")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("12345678901234567890123", "1.2345678901234567890123e22")]
    [InlineData("123456789012345678901234567890.5", "123456789012345678901234567890.50000")]
    [InlineData("1e400", "10e399")]
    [InlineData("1e99999999999999999999", "10e99999999999999999998")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    [InlineData("[1,2]", "[1.0,2e0]")]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""")]
    [InlineData("""{"a":{"x":[1,{"p":null,"q":true}]},"b":"s"}""", """{"b":"s","a":{"x":[1.0,{"q":true,"p":null}]}}""")]
    public void JsonDeepEquals_EqualValues_ReturnsTrueBothWaysWithEqualHashes(string left, string right)
    {
        var l = JsonAssert.Parse(left);
        var r = JsonAssert.Parse(right);

        Assert.True(JsonNodeEquality.JsonDeepEquals(l, r));
        Assert.True(JsonNodeEquality.JsonDeepEquals(r, l));
        Assert.Equal(JsonNodeEquality.GetDeepHashCode(l), JsonNodeEquality.GetDeepHashCode(r));
    }

    [Theory]
    [InlineData("1", "2")]
    [InlineData("1", "-1")]
    [InlineData("-0.5", "0.5")]
    [InlineData("1", "\"1\"")]
    [InlineData("10", "\"10\"")]
    [InlineData("true", "false")]
    [InlineData("true", "1")]
    [InlineData("null", "false")]
    [InlineData("null", "0")]
    [InlineData("null", "\"\"")]
    [InlineData("null", "{}")]
    [InlineData("[]", "{}")]
    [InlineData("[]", "null")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("[1]", "[1,1]")]
    [InlineData("[null]", "[]")]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""")]
    [InlineData("""{"a":null}""", "{}")]
    [InlineData("""{"a":1}""", """{"A":1}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":"1"}}""")]
    [InlineData("\"a\"", "\"A\"")]
    [InlineData("\"\\u00e9\"", "\"e\\u0301\"")]
    [InlineData("\"a \"", "\"a\"")]
    // Pairs that are the same double: a comparison through double would call them equal.
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("12345678901234567890", "12345678901234567891")]
    [InlineData("9223372036854775807", "9223372036854775808")]
    [InlineData("0.1", "0.10000000000000001")]
    [InlineData("1.0000000000000000000000000001", "1")]
    [InlineData("1e400", "1e401")]
    [InlineData("1e400", "2e400")]
    [InlineData("1e-400", "0")]
    public void JsonDeepEquals_DifferentValues_ReturnsFalseBothWays(string left, string right)
    {
        var l = JsonAssert.Parse(left);
        var r = JsonAssert.Parse(right);

        Assert.False(JsonNodeEquality.JsonDeepEquals(l, r));
        Assert.False(JsonNodeEquality.JsonDeepEquals(r, l));
    }

    public static TheoryData<JsonNode?, string> ClrValues => new()
    {
        { JsonValue.Create(1), "1.0" },
        { JsonValue.Create(1L), "1e0" },
        { JsonValue.Create(long.MaxValue), "9223372036854775807" },
        { JsonValue.Create(ulong.MaxValue), "18446744073709551615" },
        { JsonValue.Create(1.5m), "1.50" },
        { JsonValue.Create(0.1), "0.1" },
        { JsonValue.Create(2.5f), "2.5" },
        { JsonValue.Create((short)-7), "-7.0" },
        { JsonValue.Create("x"), "\"x\"" },
        { JsonValue.Create('x'), "\"x\"" },
        { JsonValue.Create(true), "true" },
        { new JsonObject { ["a"] = 1, ["b"] = new JsonArray(1.5m, "s", null) }, """{"b":[1.5,"s",null],"a":1.0}""" },
        { JsonValue.Create(JsonElement.Parse("12345678901234567890.10")), "1234567890123456789.01e1" },
        { JsonValue.Create(JsonElement.Parse("\"s\"")), "\"s\"" },
        { JsonValue.Create(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, (JsonTypeInfo<Dictionary<string, int>>)ReflectionOptions.GetTypeInfo(typeof(Dictionary<string, int>)))!, """{"b":2.0,"a":1}""" },
        { JsonValue.Create(new[] { 1, 2 }, (JsonTypeInfo<int[]>)ReflectionOptions.GetTypeInfo(typeof(int[])))!, "[1,2.0]" },
    };

    [Theory]
    [MemberData(nameof(ClrValues))]
    public void JsonDeepEquals_ClrBackedValue_EqualsParsedValue(JsonNode? clr, string json)
    {
        var parsed = JsonAssert.Parse(json);

        Assert.True(JsonNodeEquality.JsonDeepEquals(clr, parsed));
        Assert.True(JsonNodeEquality.JsonDeepEquals(parsed, clr));
        Assert.Equal(JsonNodeEquality.GetDeepHashCode(parsed), JsonNodeEquality.GetDeepHashCode(clr));
    }

    [Fact]
    public void JsonDeepEquals_LongBackedValuesThatDiffer_ReturnsFalse()
    {
        Assert.False(JsonNodeEquality.JsonDeepEquals(JsonValue.Create(long.MaxValue), JsonValue.Create(long.MaxValue - 1)));
        Assert.False(JsonNodeEquality.JsonDeepEquals(JsonValue.Create(ulong.MaxValue), JsonValue.Create(ulong.MaxValue - 1)));
        Assert.False(JsonNodeEquality.JsonDeepEquals(JsonValue.Create(0.1m), JsonValue.Create(0.1000000000000000000000000001m)));
    }

    [Fact]
    public void JsonDeepEquals_SameInstance_ReturnsTrue()
    {
        var node = JsonAssert.Parse("""{"a":[1,2]}""");

        Assert.True(JsonNodeEquality.JsonDeepEquals(node, node));
    }

    [Fact]
    public void Comparer_HashSet_CollapsesEqualValues()
    {
        var set = new HashSet<JsonNode?>(JsonNodeEquality.Comparer)
        {
            JsonAssert.Parse("1"),
            JsonAssert.Parse("1.0"),
            JsonValue.Create(1),
            JsonAssert.Parse("""{"a":1,"b":[true]}"""),
            JsonAssert.Parse("""{"b":[true],"a":1e0}"""),
            JsonAssert.Parse("\"1\""),
        };

        Assert.Equal(3, set.Count);
        Assert.Contains(JsonAssert.Parse("10e-1"), set);
        Assert.DoesNotContain(JsonAssert.Parse("2"), set);
    }

    [Fact]
    public void JsonDeepEquals_Inputs_AreNotChanged()
    {
        var left = JsonAssert.Parse("""{"b":[1,{"c":2}],"a":"x"}""");
        var right = JsonAssert.Parse("""{"a":"x","b":[1.0,{"c":2}]}""");
        var leftText = JsonAssert.Text(left);
        var rightText = JsonAssert.Text(right);

        Assert.True(JsonNodeEquality.JsonDeepEquals(left, right));

        Assert.Equal(leftText, JsonAssert.Text(left));
        Assert.Equal(rightText, JsonAssert.Text(right));
    }
}
