using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Apiserver.Registry.Builtin;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Reads and decodes request bodies: at most the configured size (413 beyond it, as kube-apiserver's 3 MiB limit),
/// JSON or YAML by Content-Type (an absent Content-Type means JSON; anything else is a 415 listing what is accepted),
/// syntax errors as 400 with the parser's message, and duplicate JSON keys collected for <c>fieldValidation</c>.
/// </summary>
internal static class RequestBodyReader
{
    /// <summary>The media types accepted for objects (POST, PUT, DELETE options).</summary>
    public static IReadOnlyList<string> ObjectMediaTypes { get; } = ["application/json", "application/yaml"];

    /// <summary>The media types accepted for objects of built-in types, which kube-apiserver also takes as protobuf.</summary>
    public static IReadOnlyList<string> BuiltinObjectMediaTypes { get; } = ["application/json", "application/yaml", GoProtobuf.MediaType];

    /// <summary>Reads the whole body; 413 RequestEntityTooLarge when it exceeds <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The media type of the request (lower case, without parameters); empty when none was sent.</summary>
    public static string MediaTypeOf(HttpRequest request) =>
        request.ContentType is { Length: > 0 } contentType && MediaTypeRange.TryParse(contentType, out var range) ? range.MediaType : "";

    /// <summary>
    /// Decodes an object body (JSON or YAML) into JSON. <paramref name="what"/> names the expected kind in the 400
    /// message of a syntax error (kube-apiserver's transformDecodeError wording), which quotes the start of the body
    /// unless <paramref name="quoteBody"/> is false (bodies that carry secrets). With a <paramref name="protobufType"/> (a
    /// built-in type), Kubernetes protobuf bodies are decoded too; a body that is not such an object is a 400.
    /// </summary>
    public static DecodedBody DecodeObject(HttpRequest request, byte[] body, string what, bool quoteBody = true, GoStructType? protobufType = null)
    {
        var mediaType = MediaTypeOf(request);
        JsonNode? node;
        IReadOnlyList<string> duplicates = [];
        switch (mediaType)
        {
            case "" or "application/json":
                duplicates = DuplicateFieldFinder.Find(body);
                node = ParseJson(body, what, duplicates.Count > 0, quoteBody);
                break;
            case "application/yaml":
                node = ParseYaml(body, what, quoteBody);
                break;
            case GoProtobuf.MediaType when protobufType is not null:
                try
                {
                    node = GoProtobuf.Decode(body, protobufType);
                }
                catch (GoDecodeException e)
                {
                    throw StatusException.BadRequest($"{what} in version \"{protobufType.Kind?.Version}\" cannot be handled as a {what}: {e.Message}");
                }

                break;
            default:
                throw StatusException.UnsupportedMediaType(protobufType is null ? ObjectMediaTypes : BuiltinObjectMediaTypes);
        }

        if (node is not JsonObject obj)
        {
            throw StatusException.BadRequest($"the object provided is unrecognized (must be of type {what}): the body is not a JSON object{Summary(body, quoteBody)}");
        }

        return new DecodedBody(obj, duplicates);
    }

    /// <summary>
    /// Parses JSON, 400 with the parser's message on a syntax error. With <paramref name="hasDuplicates"/> the last of
    /// repeated keys wins, as Go's decoder does (JsonObject itself refuses repeated keys).
    /// </summary>
    public static JsonNode? ParseJson(byte[] body, string what, bool hasDuplicates = false, bool quoteBody = true)
    {
        try
        {
            if (!hasDuplicates)
            {
                return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 10_000 });
            }

            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 10_000 });
            return LastWins(document.RootElement);
        }
        catch (JsonException e)
        {
            throw StatusException.BadRequest($"the object provided is unrecognized (must be of type {what}): {e.Message}{Summary(body, quoteBody)}");
        }
    }

    /// <summary>A node tree of an element in which a repeated key keeps its last value.</summary>
    private static JsonNode? LastWins(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = LastWins(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                return new JsonArray(element.EnumerateArray().Select(LastWins).ToArray());
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static JsonNode ParseYaml(byte[] body, string what, bool quoteBody)
    {
        try
        {
            return KubernetesYaml.ReadDocument(Encoding.UTF8.GetString(body));
        }
        catch (YamlFormatException e)
        {
            throw StatusException.BadRequest($"the object provided is unrecognized (must be of type {what}): {e.Message}{Summary(body, quoteBody)}");
        }
    }

    /// <summary>
    /// kube-apiserver's <c>summarizeData</c>, in parentheses after a space: the first 30 bytes, with an ellipsis when
    /// cut; nothing when the body must not be quoted.
    /// </summary>
    private static string Summary(byte[] body, bool quoteBody)
    {
        if (!quoteBody)
        {
            return "";
        }

        const int max = 30;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, max));
        return " (" + (body.Length > max ? text + " ..." : text) + ")";
    }

    private static StatusException TooLarge(long limit) =>
        StatusException.RequestEntityTooLarge(string.Create(CultureInfo.InvariantCulture, $"limit is {limit}"));
}
