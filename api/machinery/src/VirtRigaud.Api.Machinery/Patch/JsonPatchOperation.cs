using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// One validated JSON patch operation (RFC 6902 §4). Build one with the factories or get it from
/// <see cref="JsonPatch.Parse(string, int)"/>; either way it is immutable and safe to apply from several threads.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>op</term><description>members used</description></listheader>
/// <item><term>add, replace, test</term><description><see cref="Path"/>, <see cref="Value"/> (a C# <c>null</c> is the JSON null, a real value)</description></item>
/// <item><term>remove</term><description><see cref="Path"/></description></item>
/// <item><term>move, copy</term><description><see cref="From"/>, <see cref="Path"/></description></item>
/// </list>
/// </remarks>
public sealed class JsonPatchOperation
{
    private readonly JsonNode? _value;

    private JsonPatchOperation(JsonPatchOperationType op, JsonPointer path, JsonPointer? from, JsonNode? value)
    {
        Op = op;
        Path = path;
        From = from;
        _value = Freeze(value);
    }

    /// <summary>The operation.</summary>
    public JsonPatchOperationType Op { get; }

    /// <summary>The target location.</summary>
    public JsonPointer Path { get; }

    /// <summary>The source location of a <c>move</c> or <c>copy</c>; <c>null</c> for the others.</summary>
    public JsonPointer? From { get; }

    /// <summary>
    /// The value of an <c>add</c>, <c>replace</c> or <c>test</c> (<c>null</c> for JSON null, and for the other
    /// operations). This is a private copy of what was given; treat it as read-only — applying clones it.
    /// </summary>
    public JsonNode? Value => _value;

    /// <summary><c>{"op":"add","path":…,"value":…}</c>. The value is copied.</summary>
    public static JsonPatchOperation Add(JsonPointer path, JsonNode? value) => new(JsonPatchOperationType.Add, path, null, value);

    /// <summary><c>{"op":"remove","path":…}</c>.</summary>
    public static JsonPatchOperation Remove(JsonPointer path) => new(JsonPatchOperationType.Remove, path, null, null);

    /// <summary><c>{"op":"replace","path":…,"value":…}</c>. The value is copied.</summary>
    public static JsonPatchOperation Replace(JsonPointer path, JsonNode? value) => new(JsonPatchOperationType.Replace, path, null, value);

    /// <summary><c>{"op":"move","from":…,"path":…}</c>.</summary>
    public static JsonPatchOperation Move(JsonPointer from, JsonPointer path) => new(JsonPatchOperationType.Move, path, from, null);

    /// <summary><c>{"op":"copy","from":…,"path":…}</c>.</summary>
    public static JsonPatchOperation Copy(JsonPointer from, JsonPointer path) => new(JsonPatchOperationType.Copy, path, from, null);

    /// <summary><c>{"op":"test","path":…,"value":…}</c>. The value is copied.</summary>
    public static JsonPatchOperation Test(JsonPointer path, JsonNode? value) => new(JsonPatchOperationType.Test, path, null, value);

    /// <summary>The wire name of <paramref name="op"/>: <c>add</c>, <c>remove</c>, <c>replace</c>, <c>move</c>, <c>copy</c>, <c>test</c>.</summary>
    public static string OpName(JsonPatchOperationType op) => op switch
    {
        JsonPatchOperationType.Add => "add",
        JsonPatchOperationType.Remove => "remove",
        JsonPatchOperationType.Replace => "replace",
        JsonPatchOperationType.Move => "move",
        JsonPatchOperationType.Copy => "copy",
        JsonPatchOperationType.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown JSON patch operation"),
    };

    /// <summary>The operation as a JSON object in RFC 6902 form (members op, from, path, value as the operation uses them).</summary>
    public JsonObject ToJsonObject()
    {
        var obj = new JsonObject { ["op"] = OpName(Op) };
        if (From is not null)
        {
            obj["from"] = From.ToString();
        }

        obj["path"] = Path.ToString();
        if (Op is JsonPatchOperationType.Add or JsonPatchOperationType.Replace or JsonPatchOperationType.Test)
        {
            obj["value"] = _value?.DeepClone();
        }

        return obj;
    }

    /// <summary>The operation as compact JSON.</summary>
    public override string ToString() => ToJsonObject().ToJsonString();

    /// <summary>
    /// A private, fully materialized copy. Parsed <see cref="JsonObject"/>s fill their member tables lazily on first
    /// read, and that first read is not safe to race; materializing once here makes concurrent applies safe.
    /// </summary>
    private static JsonNode? Freeze(JsonNode? value)
    {
        var copy = value?.DeepClone();
        Materialize(copy);
        return copy;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, member) in obj)
                {
                    Materialize(member);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }
}
