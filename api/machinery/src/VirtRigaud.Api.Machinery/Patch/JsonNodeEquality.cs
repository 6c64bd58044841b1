using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// JSON value equality as RFC 6902 §4.6 defines it for the <c>test</c> operation, for any two <see cref="JsonNode"/>
/// trees however they were built (parsed, serialized from objects, or assembled from CLR values):
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>numbers</term><description>equal when their values are equal: <c>1 == 1.0 == 1e0</c>, <c>0 == -0</c>;
/// compared exactly, never through <see cref="double"/>, so large integers and long decimals do not collide</description></item>
/// <item><term>strings</term><description>equal when they hold the same code units (no Unicode normalization)</description></item>
/// <item><term>objects</term><description>equal when they have the same member names (ordinal) with equal values; order is irrelevant</description></item>
/// <item><term>arrays</term><description>equal when they have the same length and equal elements in order</description></item>
/// <item><term>literals</term><description><c>true</c>, <c>false</c> and <c>null</c> equal only themselves; a C# <c>null</c> node is JSON null</description></item>
/// </list>
/// A number never equals a string (<c>10 != "10"</c>).
/// </remarks>
public static class JsonNodeEquality
{
    /// <summary>A comparer with the same semantics, for dictionaries and sets of JSON values.</summary>
    public static IEqualityComparer<JsonNode?> Comparer { get; } = new NodeComparer();

    /// <summary>Whether two JSON values are equal in the sense of RFC 6902 §4.6.</summary>
    public static bool JsonDeepEquals(JsonNode? left, JsonNode? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        var kind = KindOf(left);
        if (kind != KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return string.Equals(StringOf(left!), StringOf(right!), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return NumbersEqual(left!.AsValue(), right!.AsValue());
            case JsonValueKind.Object:
                {
                    var l = AsObject(left!);
                    var r = AsObject(right!);
                    if (l.Count != r.Count)
                    {
                        return false;
                    }

                    foreach (var (name, value) in l)
                    {
                        if (!r.TryGetPropertyValue(name, out var other) || !JsonDeepEquals(value, other))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case JsonValueKind.Array:
                {
                    var l = AsArray(left!);
                    var r = AsArray(right!);
                    if (l.Count != r.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < l.Count; i++)
                    {
                        if (!JsonDeepEquals(l[i], r[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return false;
        }
    }

    /// <summary>A hash code consistent with <see cref="JsonDeepEquals"/>: equal values hash alike (<c>1</c> and <c>1.0</c> too).</summary>
    public static int GetDeepHashCode(JsonNode? node)
    {
        var kind = KindOf(node);
        switch (kind)
        {
            case JsonValueKind.String:
                return HashCode.Combine(kind, StringComparer.Ordinal.GetHashCode(StringOf(node!)));
            case JsonValueKind.Number:
                {
                    var text = NumberText(node!.AsValue());
                    return JsonNumber.TryParse(text, out var number)
                        ? HashCode.Combine(kind, number)
                        : HashCode.Combine(kind, StringComparer.Ordinal.GetHashCode(text));
                }

            case JsonValueKind.Object:
                {
                    // Member order is irrelevant to equality, so combine the members' hashes commutatively.
                    var sum = 0;
                    foreach (var (name, value) in AsObject(node!))
                    {
                        sum = unchecked(sum + HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), GetDeepHashCode(value)));
                    }

                    return HashCode.Combine(kind, sum);
                }

            case JsonValueKind.Array:
                {
                    var hash = new HashCode();
                    hash.Add(kind);
                    foreach (var item in AsArray(node!))
                    {
                        hash.Add(GetDeepHashCode(item));
                    }

                    return hash.ToHashCode();
                }

            default:
                return kind.GetHashCode();
        }
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool NumbersEqual(JsonValue left, JsonValue right)
    {
        // Fast path: integers that fit in a long (what parsed documents mostly hold) compare without any text.
        if (left.TryGetValue<long>(out var l) && right.TryGetValue<long>(out var r))
        {
            return l == r;
        }

        var leftText = NumberText(left);
        var rightText = NumberText(right);
        if (JsonNumber.TryParse(leftText, out var leftNumber) && JsonNumber.TryParse(rightText, out var rightNumber))
        {
            return leftNumber.Equals(rightNumber);
        }

        // Only a value that is not a JSON number literal (a CLR NaN, say) gets here; equal text is all we can say.
        return string.Equals(leftText, rightText, StringComparison.Ordinal);
    }

    /// <summary>The literal text of a number: as parsed when it came from JSON, as written by its converter otherwise.</summary>
    private static string NumberText(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString();

    private static string StringOf(JsonNode node)
    {
        var value = node.AsValue();
        if (value.TryGetValue<string>(out var s))
        {
            return s;
        }

        // A CLR value that serializes as a string (char, Guid, DateTime, an enum with a string converter): compare its JSON string.
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? "";
    }

    // A JsonValue wrapping a CLR object or collection reports kind Object or Array without being a JsonObject or
    // JsonArray; its own converter writes it, and that text is what it means.
    private static JsonObject AsObject(JsonNode node) =>
        node as JsonObject ?? JsonNode.Parse(node.ToJsonString()) as JsonObject ?? [];

    private static JsonArray AsArray(JsonNode node) =>
        node as JsonArray ?? JsonNode.Parse(node.ToJsonString()) as JsonArray ?? [];

    private sealed class NodeComparer : IEqualityComparer<JsonNode?>
    {
        public bool Equals(JsonNode? x, JsonNode? y) => JsonDeepEquals(x, y);

        public int GetHashCode([DisallowNull] JsonNode? obj) => GetDeepHashCode(obj);
    }
}
