using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>The request stream of a client-streaming or duplex call, read frame by frame from the HTTP/2 request body.</summary>
internal sealed class HttpContextStreamReader<T>(HttpContextServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;
    private bool _completed;
    private int _pending;

    public T Current => _current ?? throw new InvalidOperationException("No message has been read: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            throw new InvalidOperationException("MoveNext cannot be called while a previous MoveNext is still pending.");
        }

        try
        {
            if (_completed)
            {
                return false;
            }

            var message = await call.ReadMessageAsync(parser, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                _completed = true;
                return false;
            }

            _current = message;
            return true;
        }
        finally
        {
            Volatile.Write(ref _pending, 0);
        }
    }
}
