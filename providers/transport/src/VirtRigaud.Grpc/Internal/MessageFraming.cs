using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace VirtRigaud.Grpc.Internal;

/// <summary>
/// The gRPC length-prefixed message: one compressed-flag byte, a 4-byte big-endian length, then the (possibly
/// compressed) protobuf bytes. Reading enforces the receive limit on both the wire size and the decompressed size.
/// </summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;

    /// <summary>
    /// Reads the next message from <paramref name="stream"/>, or <c>null</c> at a clean end of stream (no partial frame).
    /// </summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED over the limit; INTERNAL for a truncated frame, a compressed
    /// message without an encoding, or an unknown encoding (UNIMPLEMENTED).</exception>
    public static async ValueTask<T?> ReadMessageAsync<T>(Stream stream, MessageParser<T> parser, int maxSize, string? encoding, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        var header = new byte[HeaderSize];
        var read = await ReadAtLeastAsync(stream, header, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return default;
        }

        if (read < HeaderSize)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a frame header"));
        }

        var compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed-flag byte {header[0]}")),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {maxSize} bytes)"));
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var got = await ReadAtLeastAsync(stream, buffer.AsMemory(0, (int)length), cancellationToken).ConfigureAwait(false);
            if (got < length)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a message"));
            }

            if (!compressed)
            {
                return parser.ParseFrom(buffer.AsSpan(0, (int)length));
            }

            var decompressed = Decompress(buffer.AsMemory(0, (int)length), encoding, maxSize);
            return parser.ParseFrom(decompressed);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the message: " + e.Message), new Metadata(), e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes one uncompressed message and flushes.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message is larger than <paramref name="maxSize"/>.</exception>
    public static async ValueTask WriteMessageAsync(Stream stream, IMessage message, int maxSize, CancellationToken cancellationToken)
    {
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {maxSize} bytes)"));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(HeaderSize + size);
        try
        {
            buffer[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)size);
            message.WriteTo(buffer.AsSpan(HeaderSize, size));
            await stream.WriteAsync(buffer.AsMemory(0, HeaderSize + size), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Compresses a payload with gzip (used by tests and by clients that opt in).</summary>
    public static byte[] Gzip(ReadOnlySpan<byte> payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(ReadOnlyMemory<byte> payload, string? encoding, int maxSize)
    {
        if (encoding is null || encoding == GrpcProtocol.Identity)
        {
            throw new RpcException(new Status(StatusCode.Internal, "A compressed message arrived without a grpc-encoding"));
        }

        if (encoding != GrpcProtocol.Gzip)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding \"{encoding}\"; supported: {GrpcProtocol.AcceptedEncodings}"));
        }

        using var input = new MemoryStream(payload.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = gzip.Read(chunk)) > 0)
        {
            if (output.Length + n > maxSize)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Decompressed message exceeds the maximum configured message size ({maxSize} bytes)"));
            }

            output.Write(chunk, 0, n);
        }

        return output.ToArray();
    }

    private static async ValueTask<int> ReadAtLeastAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
