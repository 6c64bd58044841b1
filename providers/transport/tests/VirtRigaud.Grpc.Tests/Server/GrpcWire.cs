using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>
/// The client side of the wire, written by hand for the tests (independent of the library's client): request frames
/// and headers as PROTOCOL-HTTP2.md spells them, and a reader for response frames.
/// </summary>
internal static class GrpcWire
{
    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray(), compressed: false);

    public static byte[] Frame(byte[] payload, bool compressed)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static StringValue Text(string value) => new() { Value = value };

    /// <summary>A POST to <paramref name="path"/> whose body is exactly <paramref name="body"/> (already framed).</summary>
    public static HttpRequestMessage Request(string path, byte[] body, string contentType = "application/grpc")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Request(path, content);
    }

    /// <summary>A POST to <paramref name="path"/> carrying one framed message per element.</summary>
    public static HttpRequestMessage Request(string path, params IMessage[] messages) =>
        Request(path, [.. messages.SelectMany(Frame)]);

    public static HttpRequestMessage Request(string path, HttpContent content)
    {
        // HttpClient's default version applies only to its own helpers, not to messages built here.
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return request;
    }

    /// <summary>Reads the next length-prefixed message, or <c>null</c> at the end of the body; fails on a truncated frame.</summary>
    public static async Task<(bool Compressed, byte[] Payload)?> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        var read = await stream.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        Assert.Equal(5, read);
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return (header[0] == 1, payload);
    }

    public static async Task<StringValue?> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var frame = await ReadFrameAsync(stream, cancellationToken);
        if (frame is null)
        {
            return null;
        }

        Assert.False(frame.Value.Compressed, "the server sends uncompressed messages");
        return StringValue.Parser.ParseFrom(frame.Value.Payload);
    }
}
