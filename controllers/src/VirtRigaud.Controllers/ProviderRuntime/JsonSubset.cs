using System.Text.Json.Nodes;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// "Everything we set is still there": objects compare by the desired object's properties only (the server may add
/// defaults), arrays element by element with equal length, scalars by value. Pure.
/// </summary>
internal static class JsonSubset
{
    /// <summary>Whether <paramref name="desired"/> is contained in <paramref name="existing"/>.</summary>
    public static bool Contains(JsonNode? existing, JsonNode? desired) => (existing, desired) switch
    {
        (_, null) => true,
        (null, _) => false,
        (JsonObject a, JsonObject b) => b.All(p => a.TryGetPropertyValue(p.Key, out var value) ? Contains(value, p.Value) : p.Value is null),
        (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(pair => Contains(pair.First, pair.Second)),
        (JsonValue a, JsonValue b) => a.ToJsonString() == b.ToJsonString(),
        _ => false,
    };
}
