using System.Text.Json.Nodes;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>Reads <c>status.conditions</c> of an object as kubectl returns it. Pure.</summary>
public static class Conditions
{
    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static JsonNode? Find(JsonNode? obj, string type) =>
        obj?["status"]?["conditions"] is JsonArray conditions ? conditions.FirstOrDefault(c => (string?)c?["type"] == type) : null;

    /// <summary>The condition's status (<c>True</c>, <c>False</c>, <c>Unknown</c>), or null when absent.</summary>
    public static string? Status(JsonNode? obj, string type) => (string?)Find(obj, type)?["status"];

    /// <summary>The condition's reason, or null.</summary>
    public static string? Reason(JsonNode? obj, string type) => (string?)Find(obj, type)?["reason"];

    /// <summary>The condition's message, or an empty string.</summary>
    public static string Message(JsonNode? obj, string type) => (string?)Find(obj, type)?["message"] ?? "";
}
