using System.Buffers.Binary;
using Google.Protobuf;
using VirtRigaud.Grpc.Health.V1;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc.Tests.Core;

public sealed class MessageFramingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task WriteThenRead_RoundTripsAndFramesExactly()
    {
        var message = new HealthCheckRequest { Service = "hi" };
        using var stream = new MemoryStream();
        await MessageFraming.WriteMessageAsync(stream, message, 1024, None);

        // 0x00 flag, 4-byte big-endian length 4, then field 1 "hi".
        Assert.Equal(new byte[] { 0, 0, 0, 0, 4, 0x0a, 0x02, (byte)'h', (byte)'i' }, stream.ToArray());

        stream.Position = 0;
        var read = await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None);
        Assert.Equal(message, read);
        Assert.Null(await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None));
    }

    [Fact]
    public async Task Read_DefaultMessage_IsAnEmptyFrame()
    {
        using var stream = new MemoryStream([0, 0, 0, 0, 0]);
        var read = await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None);
        Assert.Equal(new HealthCheckRequest(), read);
    }

    [Fact]
    public async Task Read_GzipFrame_WithGzipEncoding_Decompresses()
    {
        var payload = new HealthCheckRequest { Service = new string('x', 1000) };
        var compressed = MessageFraming.Gzip(payload.ToByteArray());
        using var stream = new MemoryStream(Frame(1, compressed));
        var read = await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 4096, "gzip", None);
        Assert.Equal(payload, read);
    }

    [Fact]
    public async Task Read_CompressedFrameWithoutEncoding_IsInternal()
    {
        using var stream = new MemoryStream(Frame(1, [1, 2, 3]));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public async Task Read_UnknownEncoding_IsUnimplemented()
    {
        using var stream = new MemoryStream(Frame(1, [1, 2, 3]));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, "snappy", None));
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }

    [Fact]
    public async Task Read_OverLimit_IsResourceExhaustedBeforeReadingThePayload()
    {
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 2048);
        using var stream = new MemoryStream(header);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task Read_GzipBombOverLimit_IsResourceExhausted()
    {
        var big = new HealthCheckRequest { Service = new string('a', 100_000) };
        using var stream = new MemoryStream(Frame(1, MessageFraming.Gzip(big.ToByteArray())));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 10_000, "gzip", None));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 4, 0x0a })]
    public async Task Read_Truncated_IsInternal(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public async Task Read_BadFlagByte_IsInternal()
    {
        using var stream = new MemoryStream([2, 0, 0, 0, 0]);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public async Task Read_GarbagePayload_IsInternal()
    {
        using var stream = new MemoryStream(Frame(0, [0xff, 0xff, 0xff]));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(stream, HealthCheckRequest.Parser, 1024, null, None));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public async Task Write_OverLimit_IsResourceExhaustedAndWritesNothing()
    {
        using var stream = new MemoryStream();
        var e = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.WriteMessageAsync(stream, new HealthCheckRequest { Service = new string('x', 100) }, 10, None));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal(0, stream.Length);
    }

    private static byte[] Frame(byte flag, byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
