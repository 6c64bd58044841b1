using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Writes responses of the resource endpoints: JSON (compact or indented, newline-terminated as Go's encoder writes
/// it) or YAML, gzip for bodies above kube-apiserver's 128 KiB threshold when the client accepts it, and one
/// <c>Warning: 299 - "..."</c> header per warning. Every body is encoded before the first byte is sent, so an error
/// while encoding still becomes a proper Status.
/// </summary>
internal static class ApiResponses
{
    /// <summary>kube-apiserver's <c>defaultGzipThresholdBytes</c>: smaller bodies are never compressed.</summary>
    public const int GzipThresholdBytes = 128 * 1024;

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    /// <summary>Writes one JSON document in the negotiated serialization.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, JsonNode body, ResponseFormat format, IEnumerable<string>? warnings, CancellationToken cancellationToken) =>
        WriteBytesAsync(context, statusCode, format.ContentType, Encode(body, format), warnings, cancellationToken);

    /// <summary>Writes a list whose items are shared objects (no copies for JSON).</summary>
    public static Task WriteListAsync(HttpContext context, ListBody list, ResponseFormat format, IEnumerable<string>? warnings, CancellationToken cancellationToken)
    {
        byte[] bytes;
        if (format.Yaml)
        {
            bytes = Encoding.UTF8.GetBytes(YamlWriter.Write(list.Materialize()));
        }
        else
        {
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            using (var writer = new Utf8JsonWriter(buffer, format.Pretty ? Indented : Compact))
            {
                writer.WriteStartObject();
                foreach (var (key, value) in list.Head)
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value);
                }

                writer.WriteStartArray("items");
                foreach (var item in list.Items)
                {
                    // A watch-cache object carries its compact encoding: copy the bytes instead of walking the tree.
                    if (!format.Pretty && Watch.CachedObject.TryGetJson(item, out var json))
                    {
                        writer.WriteRawValue(json, skipInputValidation: true);
                    }
                    else
                    {
                        item.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            bytes = buffer.WrittenSpan.ToArray();
        }

        return WriteBytesAsync(context, StatusCodes.Status200OK, format.ContentType, bytes, warnings, cancellationToken);
    }

    /// <summary>Writes a Status with its code, in JSON or YAML as the client accepts (never transformed).</summary>
    public static Task WriteStatusAsync(HttpContext context, Status status, IEnumerable<string>? warnings, CancellationToken cancellationToken)
    {
        var format = ContentNegotiator.ForStatus(context.Request);
        if (status.Details?.RetryAfterSeconds is { } retryAfter && status.Code is 429 or >= 500)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, status.Code ?? StatusCodes.Status500InternalServerError, StatusNode(status), format, warnings, cancellationToken);
    }

    /// <summary>A Status as JSON.</summary>
    public static JsonNode StatusNode(Status status) => JsonSerializer.SerializeToNode(status, MachineryJsonContext.Default.Status)!;

    /// <summary>The body bytes of a document in the negotiated serialization.</summary>
    public static byte[] Encode(JsonNode body, ResponseFormat format)
    {
        if (format.Yaml)
        {
            return Encoding.UTF8.GetBytes(YamlWriter.Write(body));
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, format.Pretty ? Indented : Compact))
        {
            body.WriteTo(writer);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Compact JSON of one node with a trailing newline: a line of a watch stream.</summary>
    public static byte[] EncodeLine(JsonNode body) => Encode(body, ResponseFormat.Json);

    /// <summary>Adds <c>Warning: 299 - "text"</c> headers (Go's quoting, non-ASCII escaped so the header stays ASCII).</summary>
    public static void AddWarnings(HttpResponse response, IEnumerable<string>? warnings)
    {
        if (warnings is null)
        {
            return;
        }

        foreach (var warning in warnings)
        {
            response.Headers.Append("Warning", "299 - " + QuoteAscii(warning));
        }
    }

    /// <summary>Whether the request accepts gzip (<c>Accept-Encoding</c> lists it with a non-zero quality).</summary>
    public static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            foreach (var part in (value ?? "").Split(','))
            {
                var pieces = part.Split(';');
                if (pieces[0].Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase)
                    && !pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    private static async Task WriteBytesAsync(HttpContext context, int statusCode, string contentType, byte[] bytes, IEnumerable<string>? warnings, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        AddWarnings(response, warnings);
        if (bytes.Length > GzipThresholdBytes && AcceptsGzip(context.Request))
        {
            response.Headers.ContentEncoding = "gzip";
            response.Headers.Append("Vary", "Accept-Encoding");
            await using var gzip = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(bytes, cancellationToken);
            return;
        }

        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private static string QuoteAscii(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case < 0x20 or 0x7f:
                    sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                case < 0x7f:
                    sb.Append((char)rune.Value);
                    break;
                case <= 0xffff:
                    sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    break;
                default:
                    sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
