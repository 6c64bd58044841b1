using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Patch;

public sealed class JsonPatchParseTests
{
    private static readonly JsonSerializerOptions ReflectionOptions = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void Parse_AllSixOperations_ProducesTypedOperations()
    {
        var patch = JsonPatch.Parse("""
            [
              {"op":"add","path":"/a","value":{"x":1}},
              {"op":"remove","path":"/b"},
              {"op":"replace","path":"/c/0","value":"v"},
              {"op":"move","from":"/d","path":"/e"},
              {"op":"copy","from":"/f~1g","path":"/h/-"},
              {"op":"test","path":"","value":[1]}
            ]
            """);

        var ops = patch.Operations;
        Assert.Equal(
            [JsonPatchOperationType.Add, JsonPatchOperationType.Remove, JsonPatchOperationType.Replace,
             JsonPatchOperationType.Move, JsonPatchOperationType.Copy, JsonPatchOperationType.Test],
            ops.Select(o => o.Op));
        Assert.Equal(["/a", "/b", "/c/0", "/e", "/h/-", ""], ops.Select(o => o.Path.ToString()));
        Assert.Equal([null, null, null, "/d", "/f~1g", null], ops.Select(o => o.From?.ToString()));
        Assert.Equal(["f/g"], ops[4].From!.Tokens);
        JsonAssert.Equal("""{"x":1}""", ops[0].Value);
        Assert.Null(ops[1].Value);
        JsonAssert.Equal("\"v\"", ops[2].Value);
        JsonAssert.Equal("[1]", ops[5].Value);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("replace")]
    [InlineData("test")]
    public void Parse_ValueNull_IsAValueNotAMissingMember(string op)
    {
        var patch = JsonPatch.Parse($$"""[{"op":"{{op}}","path":"/a","value":null}]""");

        Assert.Null(patch.Operations[0].Value);
        Assert.Equal($$"""{"op":"{{op}}","path":"/a","value":null}""", patch.Operations[0].ToString());
    }

    [Theory]
    // RFC 6902 A.11 and the test suite's "spurious patch properties": unknown members are ignored.
    [InlineData("""[{"op":"add","path":"/baz","value":"qux","xyz":123}]""")]
    [InlineData("""[{"op":"test","path":"/foo","value":1,"spurious":1}]""")]
    [InlineData("""[{"op":"remove","path":"/a","value":1,"from":"/b"}]""")]
    [InlineData("""[{"op":"add","path":"/a","value":1,"from":"not a pointer"}]""")]
    [InlineData("""[{"op":"move","from":"/a","path":"/b","value":{"ignored":true}}]""")]
    [InlineData("""[{"Op":"remove","op":"remove","path":"/a","PATH":5}]""")]
    public void Parse_UnknownOrUnusedMembers_AreIgnored(string json)
    {
        var patch = JsonPatch.Parse(json);

        Assert.Single(patch.Operations);
        var op = patch.Operations[0];
        Assert.Equal(op.Op is JsonPatchOperationType.Move or JsonPatchOperationType.Copy, op.From is not null);
        if (op.Op is JsonPatchOperationType.Remove or JsonPatchOperationType.Move)
        {
            Assert.Null(op.Value);
        }
    }

    [Theory]
    // Not JSON at all, or not an array of objects.
    [InlineData("")]
    [InlineData("[")]
    [InlineData("not json")]
    [InlineData("""[{"op":"remove","path":"/a"},]""")]
    [InlineData("""[{"op":"remove","path":"/a"}] x""")]
    [InlineData("""[{'op':'remove','path':'/a'}]""")]
    [InlineData("{}")]
    [InlineData("""{"op":"remove","path":"/a"}""")]
    [InlineData("null")]
    [InlineData("\"[]\"")]
    [InlineData("1")]
    [InlineData("[1]")]
    [InlineData("[null]")]
    [InlineData("[[]]")]
    [InlineData("""["add"]""")]
    // RFC 6902 A.13 and duplicates of other members: a JSON object with duplicate names is refused.
    [InlineData("""[{"op":"add","path":"/baz","value":"qux","op":"remove"}]""")]
    [InlineData("""[{"op":"add","path":"/a","path":"/b","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a","value":1,"value":2}]""")]
    [InlineData("""[{"op":"add","path":"/a","value":{"x":1,"x":2}}]""")]
    [InlineData("""[{"op":"test","path":"/a","value":[{"k":{"y":1,"y":1}}]}]""")]
    // "op".
    [InlineData("[{}]")]
    [InlineData("""[{"path":"/a","value":1}]""")]
    [InlineData("""[{"op":null,"path":"/a"}]""")]
    [InlineData("""[{"op":1,"path":"/a"}]""")]
    [InlineData("""[{"op":["add"],"path":"/a","value":1}]""")]
    [InlineData("""[{"op":"spam","path":"/a","value":1}]""")]
    [InlineData("""[{"op":"ADD","path":"/a","value":1}]""")]
    [InlineData("""[{"op":"Add","path":"/a","value":1}]""")]
    [InlineData("""[{"op":" add","path":"/a","value":1}]""")]
    [InlineData("""[{"op":"","path":"/a","value":1}]""")]
    // "path".
    [InlineData("""[{"op":"add","value":"bar"}]""")]
    [InlineData("""[{"op":"remove"}]""")]
    [InlineData("""[{"op":"add","path":null,"value":"bar"}]""")]
    [InlineData("""[{"op":"add","path":1,"value":"bar"}]""")]
    [InlineData("""[{"op":"add","path":{},"value":"bar"}]""")]
    [InlineData("""[{"op":"add","path":"foo","value":"bar"}]""")]
    [InlineData("""[{"op":"add","path":"#/foo","value":"bar"}]""")]
    [InlineData("""[{"op":"add","path":"/~2","value":"bar"}]""")]
    [InlineData("""[{"op":"remove","path":"/a~"}]""")]
    // "value".
    [InlineData("""[{"op":"add","path":"/-"}]""")]
    [InlineData("""[{"op":"replace","path":"/0"}]""")]
    [InlineData("""[{"op":"test","path":"/0"}]""")]
    [InlineData("""[{"op":"test","path":"/0","Value":1}]""")]
    // "from".
    [InlineData("""[{"op":"copy","path":"/-"}]""")]
    [InlineData("""[{"op":"move","path":""}]""")]
    [InlineData("""[{"op":"move","from":null,"path":"/a"}]""")]
    [InlineData("""[{"op":"copy","from":5,"path":"/a"}]""")]
    [InlineData("""[{"op":"move","from":"a","path":"/b"}]""")]
    [InlineData("""[{"op":"copy","from":"/~","path":"/b"}]""")]
    public void Parse_MalformedDocument_ThrowsInvalidDocument(string json)
    {
        var ex = Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse(json));

        Assert.Equal(JsonPatchErrorKind.InvalidDocument, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        var utf8 = Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(JsonPatchErrorKind.InvalidDocument, utf8.Kind);
    }

    [Theory]
    [InlineData("""[{"op":"spam","path":"/a","value":1}]""", "operation 0: unknown op \"spam\": must be one of add, remove, replace, move, copy, test")]
    [InlineData("""[{"op":"remove","path":"/a"},{"path":"/a"}]""", "operation 1: missing the required member \"op\"")]
    [InlineData("""[{"op":"remove","path":"/a"},{"op":"remove"}]""", "operation 1: missing the required member \"path\"")]
    [InlineData("""[{"op":"remove","path":"/a"},{"op":"remove","path":"/b"},{"op":"add","path":"/c"}]""",
        "operation 2: add operation at \"/c\" is missing the required member \"value\"")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "operation 0: missing the required member \"from\"")]
    [InlineData("""[{"op":"add","path":null,"value":1}]""", "operation 0: member \"path\" must be a string, not null")]
    [InlineData("""[{"op":"add","path":7,"value":1}]""", "operation 0: member \"path\" must be a string, not a number")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""",
        "operation 0: member \"path\": invalid JSON pointer \"a\": a non-empty pointer must start with '/'")]
    [InlineData("""[{"op":"copy","from":"/~x","path":"/a"}]""",
        "operation 0: member \"from\": invalid JSON pointer \"/~x\": '~' must be followed by '0' or '1'")]
    [InlineData("""[{"op":"remove","path":"/a"},true]""", "operation 1: an operation must be an object, not a boolean")]
    [InlineData("""{"op":"remove","path":"/a"}""", "a JSON patch must be an array of operations, not an object")]
    public void Parse_MalformedOperation_MessageAndIndexNameTheOperation(string json, string message)
    {
        var ex = Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse(json));

        Assert.Equal(message, ex.Message);
        var expectedIndex = message.StartsWith("operation ", StringComparison.Ordinal)
            ? int.Parse(message["operation ".Length..message.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture)
            : (int?)null;
        Assert.Equal(expectedIndex, ex.OperationIndex);
    }

    [Fact]
    public void Parse_InvalidJson_KeepsParserErrorAsInner()
    {
        var ex = Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse("[{"));

        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.StartsWith("the JSON patch is not valid JSON: ", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.OperationIndex);
    }

    [Fact]
    public void Parse_EmptyArray_HasNoOperations()
    {
        var patch = JsonPatch.Parse("[]");

        Assert.Empty(patch.Operations);
        JsonAssert.Equal("""{"a":[1]}""", patch.Apply(JsonAssert.Parse("""{"a":[1]}""")));
    }

    [Theory]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void Parse_DefaultMaximum_IsKubernetesTenThousand(int count, bool allowed)
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("""{"op":"add","path":"/-","value":0}""", count)) + "]";

        if (allowed)
        {
            Assert.Equal(count, JsonPatch.Parse(json).Operations.Count);
            return;
        }

        var ex = Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse(json));
        Assert.Equal(JsonPatchErrorKind.TooManyOperations, ex.Kind);
        Assert.Equal("The allowed maximum operations in a JSON patch is 10000, got 10001", ex.Message);
        Assert.Equal(10_000, JsonPatch.DefaultMaxOperations);
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(1, 2, false)]
    [InlineData(3, 3, true)]
    [InlineData(3, 4, false)]
    public void Parse_CustomMaximum_RefusesLongerPatches(int max, int count, bool allowed)
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("""{"op":"remove","path":"/a"}""", count)) + "]";

        if (allowed)
        {
            Assert.Equal(count, JsonPatch.Parse(json, max).Operations.Count);
            Assert.Equal(count, JsonPatch.Parse(Encoding.UTF8.GetBytes(json), max).Operations.Count);
            Assert.Equal(count, JsonPatch.FromNode(JsonAssert.Parse(json), max).Operations.Count);
            return;
        }

        Assert.Equal(JsonPatchErrorKind.TooManyOperations, Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse(json, max)).Kind);
        Assert.Equal(JsonPatchErrorKind.TooManyOperations, Assert.Throws<JsonPatchFormatException>(() => JsonPatch.Parse(Encoding.UTF8.GetBytes(json), max)).Kind);
        Assert.Equal(JsonPatchErrorKind.TooManyOperations, Assert.Throws<JsonPatchFormatException>(() => JsonPatch.FromNode(JsonAssert.Parse(json), max)).Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Parse_NonPositiveMaximum_ThrowsArgumentOutOfRange(int max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonPatch.Parse("[]", max));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonPatch.Parse("[]"u8, max));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonPatch.FromNode(new JsonArray(), max));
    }

    [Fact]
    public void Parse_Utf8_MatchesStringParse()
    {
        const string json = """[{"op":"add","path":"/a~1b","value":{"k":"ü"}},{"op":"copy","from":"/a~1b","path":"/c"}]""";

        var fromBytes = JsonPatch.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(JsonPatch.Parse(json).ToString(), fromBytes.ToString());
        JsonAssert.Equal("""{"a/b":{"k":"ü"},"c":{"k":"ü"}}""", fromBytes.Apply(new JsonObject()));
    }

    [Fact]
    public void FromNode_Document_IsNeitherChangedNorShared()
    {
        const string json = """[{"op":"add","path":"/a","value":{"b":[1]}}]""";
        var node = JsonAssert.Parse(json);

        var patch = JsonPatch.FromNode(node);
        node![0]!["value"]!["b"]!.AsArray().Add(2);

        Assert.Equal(json.Replace("[1]", "[1,2]", StringComparison.Ordinal), JsonAssert.Text(node));
        JsonAssert.Equal("""{"b":[1]}""", patch.Operations[0].Value);
    }

    [Fact]
    public void ToString_ParsedPatch_IsCanonicalRfc6902Json()
    {
        var patch = JsonPatch.Parse("""
            [ {"path":"/a","value":1,"op":"add","extra":true},
              {"path":"/b","op":"remove"},
              {"value":"x","op":"replace","path":"/c"},
              {"path":"/d","from":"/e~0","op":"move"},
              {"from":"/f","path":"/g","op":"copy"},
              {"op":"test","value":null,"path":"/h"} ]
            """);

        Assert.Equal(
            """[{"op":"add","path":"/a","value":1},{"op":"remove","path":"/b"},{"op":"replace","path":"/c","value":"x"},{"op":"move","from":"/e~0","path":"/d"},{"op":"copy","from":"/f","path":"/g"},{"op":"test","path":"/h","value":null}]""",
            patch.ToString());
        Assert.Equal(patch.ToString(), JsonPatch.Parse(patch.ToString()).ToString());
    }

    [Fact]
    public void Factories_Value_IsCopiedOnConstruction()
    {
        var value = new JsonObject { ["a"] = 1 };

        var op = JsonPatchOperation.Add(JsonPointer.Parse("/x"), value);
        value["a"] = 2;

        JsonAssert.Equal("""{"a":1}""", op.Value);
        Assert.Null(value.Parent);
    }

    [Fact]
    public void Factories_BuildEachOperation_AsRfc6902Json()
    {
        var patch = new JsonPatch(
            JsonPatchOperation.Test(JsonPointer.Parse("/metadata/resourceVersion"), "1045"),
            JsonPatchOperation.Replace(JsonPointer.Parse("/spec/replicas"), 3),
            JsonPatchOperation.Add(JsonPointer.FromTokens("metadata", "labels", "app.kubernetes.io/tier"), "web"),
            JsonPatchOperation.Remove(JsonPointer.Parse("/spec/paused")),
            JsonPatchOperation.Move(JsonPointer.Parse("/a"), JsonPointer.Parse("/b")),
            JsonPatchOperation.Copy(JsonPointer.Parse("/b"), JsonPointer.Parse("/c")));

        Assert.Equal(
            """[{"op":"test","path":"/metadata/resourceVersion","value":"1045"},{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/metadata/labels/app.kubernetes.io~1tier","value":"web"},{"op":"remove","path":"/spec/paused"},{"op":"move","from":"/a","path":"/b"},{"op":"copy","from":"/b","path":"/c"}]""",
            patch.ToString());
        Assert.Equal(6, patch.ToJsonArray().Count);
    }

    [Theory]
    [InlineData(JsonPatchOperationType.Add, "add")]
    [InlineData(JsonPatchOperationType.Remove, "remove")]
    [InlineData(JsonPatchOperationType.Replace, "replace")]
    [InlineData(JsonPatchOperationType.Move, "move")]
    [InlineData(JsonPatchOperationType.Copy, "copy")]
    [InlineData(JsonPatchOperationType.Test, "test")]
    public void OpName_EachOperation_IsWireName(JsonPatchOperationType op, string name)
    {
        Assert.Equal(name, JsonPatchOperation.OpName(op));
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(op, ReflectionOptions));
    }

    [Fact]
    public void OpName_UndefinedValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonPatchOperation.OpName((JsonPatchOperationType)42));
}
