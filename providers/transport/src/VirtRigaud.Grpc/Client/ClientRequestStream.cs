using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
internal sealed class ClientRequestStream<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    public ClientRequestStream(GrpcCall<TRequest, TResponse> call)
    {
        _call = call;
    }

    public Task WriteAsync(TRequest message, CancellationToken cancellationToken) => _call.WriteRequestAsync(message, cancellationToken);

    public Task CompleteAsync() => _call.CompleteRequests();
}
