using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>
/// A request body the test writes message by message while the response is being read (HTTP/2 full duplex):
/// <see cref="WriteAsync"/> sends one frame, <see cref="Complete"/> half-closes.
/// </summary>
internal sealed class DuplexContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DuplexContent()
    {
        Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
    }

    public async Task WriteAsync(IMessage message, CancellationToken cancellationToken)
    {
        var stream = await _stream.Task.WaitAsync(cancellationToken);
        await stream.WriteAsync(GrpcWire.Frame(message), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public async Task WriteRawAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var stream = await _stream.Task.WaitAsync(cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the request stream (END_STREAM).</summary>
    public void Complete() => _completed.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        _completed.TrySetResult();
        base.Dispose(disposing);
    }
}
