using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>
/// Starts calls on a <see cref="GrpcChannel"/>, one method per call kind. A typed client is a thin wrapper that passes a
/// <see cref="Method{TRequest,TResponse}"/> built from the generated service descriptor. Calls start immediately; their
/// outcome is observed through the returned call object, which should be disposed when no longer needed.
/// </summary>
public sealed class CallInvoker
{
    internal CallInvoker(GrpcChannel channel)
    {
        Channel = channel;
    }

    /// <summary>The channel the calls run on.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Starts a unary call: one request, one response.</summary>
    public AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = StartCall(method, MethodType.Unary, request, options);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call);
    }

    /// <summary>Starts a server-streaming call: one request, a stream of responses.</summary>
    public AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = StartCall(method, MethodType.ServerStreaming, request, options);
        return new AsyncServerStreamingCall<TResponse>(new ClientResponseStream<TRequest, TResponse>(call), call);
    }

    /// <summary>Starts a client-streaming call: a stream of requests (end it with <see cref="IClientStreamWriter{T}.CompleteAsync"/>), one response.</summary>
    public AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = StartCall(method, MethodType.ClientStreaming, request: null, options);
        return new AsyncClientStreamingCall<TRequest, TResponse>(new ClientRequestStream<TRequest, TResponse>(call), call.ReadSingleResponseAsync(), call);
    }

    /// <summary>Starts a bidirectional streaming call: requests and responses flow independently.</summary>
    public AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = StartCall(method, MethodType.DuplexStreaming, request: null, options);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(new ClientRequestStream<TRequest, TResponse>(call), new ClientResponseStream<TRequest, TResponse>(call), call);
    }

    private GrpcCall<TRequest, TResponse> StartCall<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, TRequest? request, CallOptions options)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        if (method.Type != expected)
        {
            throw new ArgumentException($"{method.FullName} is a {method.Type} method, not {expected}", nameof(method));
        }

        Channel.ThrowIfDisposed();
        var call = new GrpcCall<TRequest, TResponse>(Channel, method, options);
        call.Start(request);
        return call;
    }
}
