using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// A JSON patch (RFC 6902, <c>application/json-patch+json</c>): an ordered list of operations applied atomically.
/// Parsing validates every operation strictly, so a malformed patch is refused (400) before any document is read;
/// applying works on one clone of the document, so a failing operation (422) leaves nothing half done and the
/// caller's document is never changed. Instances are immutable and may be applied concurrently.
/// </summary>
public sealed partial class JsonPatch
{
    /// <summary>kube-apiserver's limit on the number of operations in one JSON patch.</summary>
    public const int DefaultMaxOperations = 10_000;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    private readonly JsonPatchOperation[] _operations;

    /// <summary>A patch of the given operations, in order.</summary>
    public JsonPatch(params IEnumerable<JsonPatchOperation> operations)
    {
        _operations = [.. operations];
    }

    /// <summary>The operations, in the order they apply.</summary>
    public IReadOnlyList<JsonPatchOperation> Operations => _operations;

    /// <summary>Parses and validates a patch document in JSON text.</summary>
    /// <param name="json">The request body: a JSON array of operation objects.</param>
    /// <param name="maxOperations">More operations than this are refused with <see cref="JsonPatchErrorKind.TooManyOperations"/>.</param>
    /// <exception cref="JsonPatchFormatException">Malformed JSON (duplicate member names included), a malformed operation, or too many operations.</exception>
    public static JsonPatch Parse(string json, int maxOperations = DefaultMaxOperations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOperations);
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw InvalidJson(ex);
        }

        return FromNode(document, maxOperations);
    }

    /// <summary>Parses and validates a patch document in UTF-8 JSON, as read from a request body.</summary>
    /// <exception cref="JsonPatchFormatException">Malformed JSON (duplicate member names included), a malformed operation, or too many operations.</exception>
    public static JsonPatch Parse(ReadOnlySpan<byte> utf8Json, int maxOperations = DefaultMaxOperations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOperations);
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(utf8Json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw InvalidJson(ex);
        }

        return FromNode(document, maxOperations);
    }

    /// <summary>
    /// Validates an already parsed patch document. The node is not changed or kept. A <see cref="JsonObject"/> cannot
    /// hold duplicate member names, so parse with <see cref="Parse(string, int)"/> to have those refused.
    /// </summary>
    /// <exception cref="JsonPatchFormatException">Not an array of valid operations, or too many operations.</exception>
    public static JsonPatch FromNode(JsonNode? document, int maxOperations = DefaultMaxOperations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOperations);
        if (document is not JsonArray array)
        {
            throw new JsonPatchFormatException(JsonPatchErrorKind.InvalidDocument,
                $"a JSON patch must be an array of operations, not {Describe(document)}");
        }

        // Counted before validating, so a huge patch costs no more than its parse.
        if (array.Count > maxOperations)
        {
            throw new JsonPatchFormatException(JsonPatchErrorKind.TooManyOperations,
                string.Create(CultureInfo.InvariantCulture, $"The allowed maximum operations in a JSON patch is {maxOperations}, got {array.Count}"));
        }

        var operations = new JsonPatchOperation[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            operations[i] = ParseOperation(array[i], i);
        }

        return new JsonPatch(operations);
    }

    /// <summary>
    /// Applies every operation, in order, to a clone of <paramref name="document"/> and returns the clone. If any
    /// operation fails nothing is returned and <paramref name="document"/> is unchanged either way.
    /// </summary>
    /// <returns>The patched document; <c>null</c> is the JSON null.</returns>
    /// <exception cref="JsonPatchApplyException">An operation does not apply; see its <see cref="JsonPatchException.Kind"/>.</exception>
    public JsonNode? Apply(JsonNode? document)
    {
        var root = document?.DeepClone();
        for (var i = 0; i < _operations.Length; i++)
        {
            root = new Applier(_operations[i], i).Apply(root);
        }

        return root;
    }

    /// <summary>The patch as a JSON array in RFC 6902 form.</summary>
    public JsonArray ToJsonArray()
    {
        var array = new JsonArray();
        foreach (var op in _operations)
        {
            array.Add((JsonNode)op.ToJsonObject());
        }

        return array;
    }

    /// <summary>The patch as compact JSON, ready to send with <c>Content-Type: application/json-patch+json</c>.</summary>
    public override string ToString() => ToJsonArray().ToJsonString();

    private static JsonPatchFormatException InvalidJson(JsonException ex) =>
        new(JsonPatchErrorKind.InvalidDocument, $"the JSON patch is not valid JSON: {ex.Message}", null, ex);

    private static JsonPatchOperation ParseOperation(JsonNode? node, int index)
    {
        if (node is not JsonObject obj)
        {
            throw Invalid(index, $"an operation must be an object, not {Describe(node)}");
        }

        var opName = RequiredString(obj, "op", index);
        JsonPatchOperationType op = opName switch
        {
            "add" => JsonPatchOperationType.Add,
            "remove" => JsonPatchOperationType.Remove,
            "replace" => JsonPatchOperationType.Replace,
            "move" => JsonPatchOperationType.Move,
            "copy" => JsonPatchOperationType.Copy,
            "test" => JsonPatchOperationType.Test,
            _ => throw Invalid(index, $"unknown op \"{opName}\": must be one of add, remove, replace, move, copy, test"),
        };

        var path = RequiredPointer(obj, "path", index);
        switch (op)
        {
            case JsonPatchOperationType.Remove:
                return JsonPatchOperation.Remove(path);
            case JsonPatchOperationType.Move:
                return JsonPatchOperation.Move(RequiredPointer(obj, "from", index), path);
            case JsonPatchOperationType.Copy:
                return JsonPatchOperation.Copy(RequiredPointer(obj, "from", index), path);
        }

        // A present "value": null is a value (the JSON null); only an absent member is missing.
        if (!obj.TryGetPropertyValue("value", out var value))
        {
            throw Invalid(index, $"{opName} operation at \"{path}\" is missing the required member \"value\"");
        }

        return op switch
        {
            JsonPatchOperationType.Add => JsonPatchOperation.Add(path, value),
            JsonPatchOperationType.Replace => JsonPatchOperation.Replace(path, value),
            _ => JsonPatchOperation.Test(path, value),
        };
    }

    private static string RequiredString(JsonObject obj, string member, int index)
    {
        if (!obj.TryGetPropertyValue(member, out var node))
        {
            throw Invalid(index, $"missing the required member \"{member}\"");
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw Invalid(index, $"member \"{member}\" must be a string, not {Describe(node)}");
    }

    private static JsonPointer RequiredPointer(JsonObject obj, string member, int index)
    {
        var text = RequiredString(obj, member, index);
        try
        {
            return JsonPointer.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new JsonPatchFormatException(JsonPatchErrorKind.InvalidDocument, $"operation {index}: member \"{member}\": {ex.Message}", index, ex);
        }
    }

    private static JsonPatchFormatException Invalid(int index, string message) =>
        new(JsonPatchErrorKind.InvalidDocument, string.Create(CultureInfo.InvariantCulture, $"operation {index}: {message}"), index);

    private static string Describe(JsonNode? node) => (node?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
