using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>
/// The gRPC wire format written out by hand for the test server, independently of the library's own framing: a
/// compressed-flag byte, a big-endian 4-byte length, the protobuf bytes; the status in HTTP/2 trailers.
/// </summary>
internal static class Wire
{
    /// <summary>Starts a gRPC response: status 200, content-type application/grpc.</summary>
    public static void BeginResponse(HttpContext context)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = "application/grpc";
        }
    }

    /// <summary>Sends the response headers now, before any message (StartAsync alone leaves them buffered).</summary>
    public static async Task SendHeadersAsync(HttpContext context)
    {
        BeginResponse(context);
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public static byte[] Frame(string value, bool gzip = false)
    {
        var payload = new StringValue { Value = value }.ToByteArray();
        if (gzip)
        {
            using var output = new MemoryStream();
            using (var stream = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                stream.Write(payload);
            }

            payload = output.ToArray();
        }

        var frame = new byte[5 + payload.Length];
        frame[0] = gzip ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task WriteAsync(HttpContext context, string value, bool gzip = false)
    {
        BeginResponse(context);
        await context.Response.Body.WriteAsync(Frame(value, gzip), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Ends the call with a status in the trailers.</summary>
    public static void Status(HttpContext context, int code, string? encodedMessage = null)
    {
        context.Response.AppendTrailer("grpc-status", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (encodedMessage is not null)
        {
            context.Response.AppendTrailer("grpc-message", encodedMessage);
        }
    }

    /// <summary>Reads the next request message, or <c>null</c> at the end of the request body.</summary>
    public static async Task<string?> ReadAsync(HttpContext context)
    {
        var body = context.Request.Body;
        var header = new byte[5];
        if (!await FillAsync(body, header, context.RequestAborted))
        {
            return null;
        }

        Assert.Equal(0, header[0]);
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        Assert.True(await FillAsync(body, payload, context.RequestAborted), "request body ended inside a message");
        return StringValue.Parser.ParseFrom(payload).Value;
    }

    public static async Task<List<string>> ReadAllAsync(HttpContext context)
    {
        var messages = new List<string>();
        while (await ReadAsync(context) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Reads a client's response stream to its end (throws the call's error status).</summary>
    public static async Task<List<string>> ReadValuesAsync(IAsyncStreamReader<StringValue> responses)
    {
        var values = new List<string>();
        await foreach (var message in responses.ReadAllAsync())
        {
            values.Add(message.Value);
        }

        return values;
    }

    /// <summary>Waits until the client resets the stream (or the server shuts down).</summary>
    public static async Task WaitForAbortAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                Assert.True(total == 0, "request body ended inside a frame");
                return false;
            }

            total += read;
        }

        return true;
    }
}
