using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Tests.Patch;

/// <summary>
/// Parsing and comparison for the patch tests. Comparison uses System.Text.Json's own <see cref="JsonNode.DeepEquals"/>,
/// not the code under test, so a bug in JsonNodeEquality cannot hide a bug in a patch.
/// </summary>
internal static class JsonAssert
{
    private static readonly JsonDocumentOptions StrictOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Parses JSON text; the text <c>null</c> gives a C# null.</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: StrictOptions);

    public static void Equal(string expectedJson, JsonNode? actual) => Equal(Parse(expectedJson), actual);

    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {Text(expected)}\n     got {Text(actual)}");

    /// <summary>Order-sensitive text, for proving a tree was not changed at all.</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
