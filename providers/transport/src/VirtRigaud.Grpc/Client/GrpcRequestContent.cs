using System.Net;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>
/// The request body of a call. For unary and server-streaming calls it is the one framed request, written whenever the
/// handler asks (so SocketsHttpHandler may resend it on a fresh connection after REFUSED_STREAM or GOAWAY). For
/// streaming calls it hands the HTTP/2 request stream to the writer and stays open (no END_STREAM) until
/// <see cref="CompleteRequestBody"/>: SocketsHttpHandler treats the body as duplex and returns the response headers
/// while it is still being written.
/// </summary>
internal sealed class GrpcRequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte>? _frame;
    private readonly TaskCompletionSource _streamReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream? _stream;

    private GrpcRequestContent(ReadOnlyMemory<byte>? frame)
    {
        _frame = frame;
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    /// <summary>Completes when the handler has started the body; <see cref="RequestStream"/> is then usable.</summary>
    public Task StreamReady => _streamReady.Task;

    /// <summary>The HTTP/2 request body stream of the latest attempt, once <see cref="StreamReady"/> has completed.</summary>
    public Stream? RequestStream => Volatile.Read(ref _stream);

    /// <summary>A body holding exactly one already framed message.</summary>
    public static GrpcRequestContent ForFrame(ReadOnlyMemory<byte> frame) => new(frame);

    /// <summary>A body the caller writes message by message.</summary>
    public static GrpcRequestContent ForStream() => new(frame: null);

    /// <summary>Ends the body: the handler sends END_STREAM. Safe to call more than once and before the body started.</summary>
    public void CompleteRequestBody() => _complete.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_frame is { } frame)
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            return;
        }

        // SocketsHttpHandler holds the HEADERS frame back until body data follows; flushing sends it now, so the
        // server starts the call (and may answer with headers) before the first request message.
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _stream, stream);
        _streamReady.TrySetResult();

        // The token is this attempt's (the handler cancels it when the stream is reset); waiting with it leaves the
        // shared completion untouched for a retry on another connection.
        await _complete.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        // No content-length: gRPC bodies are framed, and a streaming body's length is unknown.
        length = 0;
        return false;
    }
}
