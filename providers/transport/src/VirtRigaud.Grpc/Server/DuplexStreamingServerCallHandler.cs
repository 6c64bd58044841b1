using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>Serves a bidirectional call: both sides stream independently.</summary>
internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) : ServerCallHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public override string FullName => method.FullName;

    public override MethodType Type => MethodType.DuplexStreaming;

    public override Task InvokeAsync(HttpContextServerCallContext call) =>
        handler(new HttpContextStreamReader<TRequest>(call, method.RequestParser), new HttpContextStreamWriter<TResponse>(call), call);
}
