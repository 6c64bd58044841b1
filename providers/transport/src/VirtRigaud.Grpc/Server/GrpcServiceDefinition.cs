using Google.Protobuf.Reflection;

namespace VirtRigaud.Grpc;

/// <summary>
/// A protobuf service with a handler for some or all of its methods, ready for
/// <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcService"/>. Methods without a handler answer UNIMPLEMENTED.
/// Built with <see cref="For"/>.
/// </summary>
public sealed class GrpcServiceDefinition
{
    internal GrpcServiceDefinition(ServiceDescriptor descriptor, IReadOnlyList<ServerCallHandler> handlers)
    {
        Descriptor = descriptor;
        Handlers = handlers;
    }

    /// <summary>The protobuf service.</summary>
    public ServiceDescriptor Descriptor { get; }

    /// <summary>The fully qualified service name, the first segment of every method path.</summary>
    public string ServiceName => Descriptor.FullName;

    /// <summary>The full paths of the methods that have a handler.</summary>
    public IReadOnlyList<string> ImplementedMethods => [.. Handlers.Select(h => h.FullName)];

    internal IReadOnlyList<ServerCallHandler> Handlers { get; }

    /// <summary>Starts a definition of <paramref name="service"/>, e.g. <c>HealthReflection.Descriptor.Services[0]</c>.</summary>
    public static GrpcServiceDefinitionBuilder For(ServiceDescriptor service) => new(service);
}
