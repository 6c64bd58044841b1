using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// Reads and writes the metadata of an object held as a <see cref="JsonObject"/>, the API server's working form.
/// Objects stay JSON from request to storage so that nothing a kind's C# type does not model is lost; typed records
/// are used for validation only.
/// </summary>
public static class ObjectJson
{
    /// <summary>The object's <c>metadata</c>, created if missing or not an object.</summary>
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    public static string? GetString(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject meta && meta[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static void SetString(JsonObject obj, string field, string? value)
    {
        var meta = Metadata(obj);
        if (value is null)
        {
            meta.Remove(field);
        }
        else
        {
            meta[field] = value;
        }
    }

    public static string Name(JsonObject obj) => GetString(obj, "name") ?? "";

    public static string Namespace(JsonObject obj) => GetString(obj, "namespace") ?? "";

    public static string Uid(JsonObject obj) => GetString(obj, "uid") ?? "";

    public static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    public static void SetGeneration(JsonObject obj, long generation) => Metadata(obj)["generation"] = generation;

    public static bool IsBeingDeleted(JsonObject obj) => GetString(obj, "deletionTimestamp") is not null;

    /// <summary>The finalizers (empty when none).</summary>
    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a
            ? a.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).OfType<string>().ToList()
            : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var meta = Metadata(obj);
        if (finalizers.Count == 0)
        {
            meta.Remove("finalizers");
        }
        else
        {
            meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
        }
    }

    /// <summary>The labels (empty when none; non-string values are skipped).</summary>
    public static Dictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static Dictionary<string, string> Annotations(JsonObject obj) => StringMap(obj["metadata"]?["annotations"]);

    /// <summary>Serializes without indentation (the storage and wire form).</summary>
    public static byte[] ToUtf8Bytes(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses bytes known to hold a JSON object (stored data).</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> utf8) =>
        JsonNode.Parse(utf8) as JsonObject ?? throw new JsonException("stored value is not a JSON object");

    private static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject map)
        {
            foreach (var (k, v) in map)
            {
                if (v is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    result[k] = value.GetValue<string>();
                }
            }
        }

        return result;
    }
}
