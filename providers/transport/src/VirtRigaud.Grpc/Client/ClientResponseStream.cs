using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse> : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly GrpcCall<TRequest, TResponse> _call;
    private TResponse? _current;

    public ClientResponseStream(GrpcCall<TRequest, TResponse> call)
    {
        _call = call;
    }

    public TResponse Current => _current ?? throw new InvalidOperationException("no message has been read; call MoveNext first");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var message = await _call.ReadNextResponseAsync(cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return false;
        }

        _current = message;
        return true;
    }
}
