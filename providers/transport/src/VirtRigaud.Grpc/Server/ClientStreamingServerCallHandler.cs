using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>Serves a client-streaming call: a stream of request messages, one response message.</summary>
internal sealed class ClientStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler) : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public override string FullName => method.FullName;

    public override MethodType Type => MethodType.ClientStreaming;

    public override async Task InvokeAsync(HttpContextServerCallContext call)
    {
        var requests = new HttpContextStreamReader<TRequest>(call, method.RequestParser);
        var response = await handler(requests, call).ConfigureAwait(false);
        await call.WriteSingleResponseAsync(response).ConfigureAwait(false);
    }
}
