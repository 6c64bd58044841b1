using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VirtRigaud.Grpc;

/// <summary>Maps gRPC services onto endpoint routing: one POST endpoint per implemented method.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    private static readonly ConditionalWeakTable<IEndpointRouteBuilder, HashSet<string>> MappedServices = new();

    /// <summary>
    /// Maps every method of <paramref name="definition"/> that has a handler at <c>/package.Service/Method</c>. Other
    /// methods of the service, and (once per route builder) unknown services, answer UNIMPLEMENTED. Requires
    /// <see cref="GrpcServiceCollectionExtensions.AddGrpcTransport(IServiceCollection, Action{GrpcServerOptions}?)"/>.
    /// The returned builder applies conventions (authorization, host filters…) to the service's endpoints.
    /// </summary>
    /// <exception cref="InvalidOperationException">The gRPC transport is not registered, or the service is already mapped.</exception>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, GrpcServiceDefinition definition)
    {
        var dispatcher = endpoints.ServiceProvider.GetService<GrpcCallDispatcher>()
            ?? throw new InvalidOperationException("The gRPC transport is not registered: call services.AddGrpcTransport() first.");

        var mapped = MappedServices.GetValue(endpoints, _ => []);
        bool mapFallback;
        lock (mapped)
        {
            mapFallback = mapped.Count == 0;
            if (!mapped.Add(definition.ServiceName))
            {
                throw new InvalidOperationException($"The gRPC service {definition.ServiceName} is already mapped.");
            }
        }

        var builders = new List<IEndpointConventionBuilder>();
        foreach (var handler in definition.Handlers)
        {
            builders.Add(endpoints
                .MapPost(handler.FullName, (RequestDelegate)(http => dispatcher.HandleCallAsync(http, handler)))
                .WithDisplayName("gRPC " + handler.FullName));
        }

        builders.Add(endpoints
            .MapPost("/" + definition.ServiceName + "/{unimplementedMethod}", (RequestDelegate)(http => dispatcher.HandleUnimplementedAsync(http, serviceKnown: true)))
            .WithDisplayName("gRPC unimplemented method of " + definition.ServiceName));

        if (mapFallback)
        {
            endpoints
                .MapPost("/{unimplementedService}/{unimplementedMethod}", (RequestDelegate)(http => dispatcher.HandleUnimplementedAsync(http, serviceKnown: false)))
                .WithDisplayName("gRPC unimplemented service");
        }

        return new CompositeEndpointConventionBuilder(builders);
    }

    /// <summary>Maps the <c>grpc.health.v1.Health</c> service backed by the registered <see cref="HealthServiceImpl"/>.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService(endpoints.ServiceProvider.GetRequiredService<HealthServiceImpl>().Definition);
}
