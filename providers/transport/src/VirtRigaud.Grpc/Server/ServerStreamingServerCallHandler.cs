using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>Serves a server-streaming call: exactly one request message, a stream of responses.</summary>
internal sealed class ServerStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public override string FullName => method.FullName;

    public override MethodType Type => MethodType.ServerStreaming;

    public override async Task InvokeAsync(HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(method.RequestParser).ConfigureAwait(false);
        await handler(request, new HttpContextStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}
