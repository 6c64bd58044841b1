using VirtRigaud.Apiserver.ConsoleStreaming;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Health;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.OpenApi;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// Where the API's parts are plugged into the host: their services and their endpoints. The host runs the security
/// stages (errors → authentication → authorization) before anything mapped here, so endpoints find
/// <see cref="RequestContextFeature"/> set and the request already allowed.
/// </summary>
internal static class ApiServerComposition
{
    /// <summary>
    /// Registers the parts' services: health checks, the resource API (store registry, watch caches, standalone
    /// garbage collector, and with the standalone core API its namespaces and event expiry) and console streaming. The store, <see cref="TimeProvider"/>, <see cref="ServerLifecycle"/> and the options are
    /// registered by the host first.
    /// </summary>
    public static IServiceCollection AddApiParts(this IServiceCollection services, ApiServerOptions options)
    {
        services.AddApiHealth();
        services.AddResourceApi(new ResourceApiOptions
        {
            MaxRequestBodyBytes = options.MaxRequestBodyBytes,
            StandaloneCoreApi = options.StandaloneCoreApi,
            EventTtl = options.EventTtl,
        });
        services.AddConsoleStreaming(options.Console);
        return services;
    }

    /// <summary>Maps the parts' endpoints: health and version, discovery, OpenAPI, resources, and the standalone namespace lookup.</summary>
    public static IEndpointRouteBuilder MapApiParts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthEndpoints();
        endpoints.MapDiscoveryEndpoints();
        endpoints.MapOpenApiEndpoints();
        endpoints.MapResourceEndpoints();
        endpoints.MapStandaloneNamespaceEndpoints();
        return endpoints;
    }
}
