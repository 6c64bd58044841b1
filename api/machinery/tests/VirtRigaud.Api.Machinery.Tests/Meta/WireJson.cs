using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery.Tests.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>
/// Serialization through the contract under test (a <see cref="JsonTypeInfo{T}"/> of MachineryJsonContext) and
/// comparison with System.Text.Json's own <see cref="JsonNode.DeepEquals"/>, so property order does not matter but
/// every name, value and presence does.
/// </summary>
internal static class WireJson
{
    public static JsonNode? Write<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToNode(value, info);

    public static T Read<T>(string json, JsonTypeInfo<T> info) => JsonSerializer.Deserialize(json, info)!;

    /// <summary>Asserts that <paramref name="value"/> is written exactly as <paramref name="expectedJson"/>.</summary>
    public static void AssertWrites<T>(string expectedJson, T value, JsonTypeInfo<T> info) => JsonAssert.Equal(expectedJson, Write(value, info));

    /// <summary>Reads <paramref name="json"/>, asserts that writing it back gives the same JSON, and returns what was read.</summary>
    public static T RoundTrip<T>(string json, JsonTypeInfo<T> info)
    {
        var value = Read(json, info);
        JsonAssert.Equal(json, Write(value, info));
        return value;
    }

    /// <summary>A detached <see cref="JsonElement"/> for <paramref name="json"/>.</summary>
    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
