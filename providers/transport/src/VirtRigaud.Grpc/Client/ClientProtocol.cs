using System.Globalization;
using System.Net.Http.Headers;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>
/// The client's side of the wire rules (doc/PROTOCOL-HTTP2.md): metadata ↔ HTTP headers, the status in trailers (or in
/// the headers of a trailers-only response), and HTTP/2 error codes → status codes.
/// </summary>
internal static class ClientProtocol
{
    /// <summary>
    /// Adds request metadata as headers: reserved names are skipped (as grpc-go does), <c>-bin</c> values go out as
    /// unpadded base64, and the values of a repeated key are joined with "," into one header field (the equivalent form
    /// PROTOCOL-HTTP2.md allows). Joining here rather than leaving it to SocketsHttpHandler avoids its ", " separator,
    /// whose space a strict base64 decoder on the other side would reject.
    /// </summary>
    public static void AddMetadata(HttpRequestHeaders headers, Metadata metadata)
    {
        var joined = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entry in metadata)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                continue;
            }

            var value = entry.IsBinary ? GrpcProtocol.EncodeBinary(entry.ValueBytes) : entry.Value;
            if (joined.TryGetValue(entry.Key, out var previous))
            {
                joined[entry.Key] = previous + "," + value;
            }
            else
            {
                joined[entry.Key] = value;
                order.Add(entry.Key);
            }
        }

        foreach (var key in order)
        {
            headers.TryAddWithoutValidation(key, joined[key]);
        }
    }

    /// <summary>
    /// The metadata among response headers or trailers. Reserved headers are left out; entries a gRPC peer could not
    /// have sent (keys or values outside the allowed characters, malformed base64) are dropped rather than failing the call.
    /// </summary>
    public static Metadata ReadMetadata(HttpHeaders headers, HttpHeaders? contentHeaders = null)
    {
        var metadata = new Metadata();
        AddFrom(metadata, headers);
        if (contentHeaders is not null)
        {
            AddFrom(metadata, contentHeaders);
        }

        return metadata;
    }

    /// <summary>The single (last) value of a header, without the parsing HttpHeaders would otherwise do.</summary>
    public static string? GetHeader(HttpHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out var values))
        {
            return null;
        }

        string? last = null;
        foreach (var value in values)
        {
            last = value;
        }

        return last;
    }

    /// <summary>
    /// The status carried by <c>grpc-status</c> and <c>grpc-message</c> in <paramref name="headers"/>. A missing or
    /// malformed <c>grpc-status</c> gives UNKNOWN; codes this client does not know are kept as numbers.
    /// </summary>
    public static Status ReadStatus(HttpHeaders headers)
    {
        var message = GetHeader(headers, GrpcProtocol.MessageHeader) is { } encoded ? GrpcProtocol.DecodeMessage(encoded) : null;
        var code = GetHeader(headers, GrpcProtocol.StatusHeader);
        if (code is null)
        {
            return new Status(StatusCode.Unknown, message ?? "The response ended without a grpc-status");
        }

        if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return new Status(StatusCode.Unknown, $"Malformed grpc-status \"{code}\"" + (message is null ? "" : ": " + message));
        }

        return new Status((StatusCode)value, message ?? "");
    }

    /// <summary>
    /// The status for an HTTP/2 RST_STREAM or GOAWAY error code received from the server (PROTOCOL-HTTP2.md, "Errors").
    /// </summary>
    public static Status FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => new Status(StatusCode.Unavailable, "The server refused the stream (REFUSED_STREAM) before processing it"),
        0x8 => new Status(StatusCode.Cancelled, "The server cancelled the stream (CANCEL)"),
        0xb => new Status(StatusCode.ResourceExhausted, "The server reported ENHANCE_YOUR_CALM: bandwidth exhausted"),
        0xc => new Status(StatusCode.PermissionDenied, "The server reported INADEQUATE_SECURITY: the connection is not secure enough for the call"),
        _ => new Status(StatusCode.Internal, $"The server reset the stream with HTTP/2 error {Http2ErrorName(errorCode)}"),
    };

    private static string Http2ErrorName(long errorCode) => errorCode switch
    {
        0x0 => "NO_ERROR",
        0x1 => "PROTOCOL_ERROR",
        0x2 => "INTERNAL_ERROR",
        0x3 => "FLOW_CONTROL_ERROR",
        0x4 => "SETTINGS_TIMEOUT",
        0x5 => "STREAM_CLOSED",
        0x6 => "FRAME_SIZE_ERROR",
        0x9 => "COMPRESSION_ERROR",
        0xa => "CONNECT_ERROR",
        0xd => "HTTP_1_1_REQUIRED",
        _ => "0x" + errorCode.ToString("x", CultureInfo.InvariantCulture),
    };

    private static void AddFrom(Metadata metadata, HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(name) || !IsValidKey(name))
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            var binary = MetadataEntry.IsBinaryKey(key);
            foreach (var value in values)
            {
                if (binary)
                {
                    AddBinary(metadata, key, value);
                }
                else if (IsPrintableAscii(value))
                {
                    metadata.Add(key, value);
                }
            }
        }
    }

    private static void AddBinary(Metadata metadata, string key, string value)
    {
        // Several values of one -bin key may arrive joined with commas; each part is base64 on its own.
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                metadata.Add(key, GrpcProtocol.DecodeBinary(part));
            }
            catch (FormatException)
            {
                // Not base64: no conforming peer sends this, and one bad entry should not fail the call.
            }
        }
    }

    private static bool IsValidKey(string name)
    {
        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
