using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VirtRigaud.Grpc;

/// <summary>Registers the gRPC server: options (validated at start), the call dispatcher and the health service.</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>Adds the gRPC server; map services with <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcService"/>.</summary>
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        var options = AddCore(services);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    /// <summary>Adds the gRPC server, configuring it with access to services (e.g. to create interceptors with their loggers).</summary>
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcServerOptions, IServiceProvider> configure)
    {
        AddCore(services).Configure<IServiceProvider>(configure);
        return services;
    }

    private static OptionsBuilder<GrpcServerOptions> AddCore(IServiceCollection services)
    {
        services.AddRouting();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcCallDispatcher>();
        services.TryAddSingleton<HealthServiceImpl>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrpcServerOptions>, GrpcServerOptionsValidator>());
        return services.AddOptions<GrpcServerOptions>().ValidateOnStart();
    }
}
