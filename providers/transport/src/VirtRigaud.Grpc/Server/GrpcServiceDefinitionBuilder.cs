using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace VirtRigaud.Grpc;

/// <summary>
/// Collects the handlers of one protobuf service. Every <c>Add…</c> checks the method against the descriptor: it must
/// exist, be of the matching kind, take and return the given message types, and not have a handler yet.
/// </summary>
public sealed class GrpcServiceDefinitionBuilder
{
    private readonly ServiceDescriptor _service;
    private readonly List<ServerCallHandler> _handlers = [];

    internal GrpcServiceDefinitionBuilder(ServiceDescriptor service)
    {
        _service = service;
    }

    public GrpcServiceDefinitionBuilder AddUnary<TRequest, TResponse>(string name, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddUnary(Resolve<TRequest, TResponse>(name), handler);

    public GrpcServiceDefinitionBuilder AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(method, MethodType.Unary, new UnaryServerCallHandler<TRequest, TResponse>(method, handler));

    public GrpcServiceDefinitionBuilder AddServerStreaming<TRequest, TResponse>(string name, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddServerStreaming(Resolve<TRequest, TResponse>(name), handler);

    public GrpcServiceDefinitionBuilder AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(method, MethodType.ServerStreaming, new ServerStreamingServerCallHandler<TRequest, TResponse>(method, handler));

    public GrpcServiceDefinitionBuilder AddClientStreaming<TRequest, TResponse>(string name, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddClientStreaming(Resolve<TRequest, TResponse>(name), handler);

    public GrpcServiceDefinitionBuilder AddClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(method, MethodType.ClientStreaming, new ClientStreamingServerCallHandler<TRequest, TResponse>(method, handler));

    public GrpcServiceDefinitionBuilder AddDuplexStreaming<TRequest, TResponse>(string name, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddDuplexStreaming(Resolve<TRequest, TResponse>(name), handler);

    public GrpcServiceDefinitionBuilder AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(method, MethodType.DuplexStreaming, new DuplexStreamingServerCallHandler<TRequest, TResponse>(method, handler));

    /// <summary>The finished definition; methods without a handler will answer UNIMPLEMENTED.</summary>
    public GrpcServiceDefinition Build() => new(_service, [.. _handlers]);

    private Method<TRequest, TResponse> Resolve<TRequest, TResponse>(string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Method<TRequest, TResponse>.Create(_service, name);

    private GrpcServiceDefinitionBuilder Add<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType kind, ServerCallHandler handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        if (method.Descriptor.Service != _service)
        {
            throw new ArgumentException($"{method.FullName} is not a method of {_service.FullName}", nameof(method));
        }

        if (method.Type != kind)
        {
            throw new ArgumentException($"{method.FullName} is a {Describe(method.Type)} method; it cannot take a {Describe(kind)} handler", nameof(method));
        }

        if (_handlers.Exists(h => h.FullName == method.FullName))
        {
            throw new ArgumentException($"{method.FullName} already has a handler", nameof(method));
        }

        _handlers.Add(handler);
        return this;
    }

    private static string Describe(MethodType type) => type switch
    {
        MethodType.Unary => "unary",
        MethodType.ClientStreaming => "client-streaming",
        MethodType.ServerStreaming => "server-streaming",
        _ => "duplex-streaming",
    };
}
