using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace VirtRigaud.Grpc;

/// <summary>
/// A callable method: its full path (<c>/package.Service/Method</c>), its kind and the parsers of its messages. Built from
/// the protobuf <see cref="MethodDescriptor"/> that Grpc.Tools generates, so no per-method glue is written by hand.
/// </summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private Method(MethodDescriptor descriptor)
    {
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{descriptor.FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}, not {typeof(TRequest).Name}/{typeof(TResponse).Name}",
                nameof(descriptor));
        }

        Descriptor = descriptor;
        ServiceName = descriptor.Service.FullName;
        Name = descriptor.Name;
        FullName = $"/{ServiceName}/{Name}";
        Type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
    }

    public MethodDescriptor Descriptor { get; }

    /// <summary>The fully qualified service name, e.g. <c>grpc.health.v1.Health</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The method name, e.g. <c>Check</c>.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c>, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public string FullName { get; }

    public MethodType Type { get; }

    public MessageParser<TRequest> RequestParser { get; } = new(() => new TRequest());

    public MessageParser<TResponse> ResponseParser { get; } = new(() => new TResponse());

    /// <summary>The method named <paramref name="name"/> of <paramref name="service"/>.</summary>
    public static Method<TRequest, TResponse> Create(ServiceDescriptor service, string name) =>
        new(service.FindMethodByName(name) ?? throw new ArgumentException($"{service.FullName} has no method {name}", nameof(name)));

    /// <summary>The method described by <paramref name="descriptor"/>.</summary>
    public static Method<TRequest, TResponse> Create(MethodDescriptor descriptor) => new(descriptor);

    public override string ToString() => FullName;
}
