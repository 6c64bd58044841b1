using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Registry.Builtin.Events;
using VirtRigaud.Apiserver.Registry.Builtin.Namespaces;

namespace VirtRigaud.Apiserver.Http;

/// <summary>Registers what the resource endpoints need: their options, the catalog, the store registry and the standalone collectors.</summary>
public static class ResourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ResourceApiOptions"/> (as given), the <see cref="ApiCatalog"/> they choose (with or without the
    /// standalone built-in resources), the <see cref="ResourceStoreRegistry"/> singleton (over the registered IStorage,
    /// IAdmissionPlugins and TimeProvider; also a hosted service that runs the watch caches) and, when
    /// <see cref="ResourceApiOptions.StandaloneGarbageCollector"/> is on, the <see cref="GarbageCollector"/> hosted service;
    /// with <see cref="ResourceApiOptions.StandaloneCoreApi"/>, the standalone namespaces and the event TTL collector.
    /// </summary>
    public static IServiceCollection AddResourceApi(this IServiceCollection services, ResourceApiOptions? options = null)
    {
        options ??= new ResourceApiOptions();
        services.AddSingleton(options);
        services.AddSingleton(ApiCatalog.For(options.StandaloneCoreApi));
        services.AddSingleton<ResourceStoreRegistry>();
        if (options.StandaloneCoreApi)
        {
            services.AddSingleton<NamespaceRegistry>();
            services.AddHostedService<EventTtlCollector>();
        }

        services.AddHostedService(sp => sp.GetRequiredService<ResourceStoreRegistry>());
        if (options.StandaloneGarbageCollector)
        {
            services.AddHostedService<GarbageCollector>();
        }

        return services;
    }
}
