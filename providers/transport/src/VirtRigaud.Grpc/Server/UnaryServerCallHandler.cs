using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>Serves a unary call: exactly one request message, one response message.</summary>
internal sealed class UnaryServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public override string FullName => method.FullName;

    public override MethodType Type => MethodType.Unary;

    public override async Task InvokeAsync(HttpContextServerCallContext call)
    {
        var request = await call.ReadSingleMessageAsync(method.RequestParser).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        await call.WriteSingleResponseAsync(response).ConfigureAwait(false);
    }
}
