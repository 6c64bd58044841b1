using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Schema;

/// <summary>Small helpers for inspecting JSON values the way a structural schema sees them.</summary>
internal static class JsonValues
{
    /// <summary>The JSON kind of a node (<see cref="JsonValueKind.Null"/> for a C# null).</summary>
    public static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>The OpenAPI type name of a JSON value, for messages.</summary>
    public static string TypeName(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsIntegral(node!) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>Whether a JSON number has no fractional part (<c>2</c>, <c>2.0</c>, <c>2e3</c>).</summary>
    public static bool IsIntegral(JsonNode node)
    {
        var v = node.AsValue();
        if (v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _))
        {
            return true;
        }

        var text = node.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && decimal.Truncate(d) == d;
    }

    /// <summary>The integer value of an integral JSON number, if it fits in 64 bits.</summary>
    public static bool TryGetInt64(JsonNode node, out long value)
    {
        var v = node.AsValue();
        if (v.TryGetValue(out value))
        {
            return true;
        }

        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }

        var text = node.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && decimal.Truncate(d) == d
            && d is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    /// <summary>The value to print in a field error: strings and numbers as themselves, anything else as JSON.</summary>
    public static object? ForMessage(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.String => node!.GetValue<string>(),
        JsonValueKind.Number when TryGetInt64(node!, out var l) => l,
        JsonValueKind.Number when decimal.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => node!.ToJsonString(),
    };
}
