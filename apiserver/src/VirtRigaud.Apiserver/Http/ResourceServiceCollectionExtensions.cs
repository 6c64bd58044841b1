using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

/// <summary>Registers what the resource endpoints need: their options, the store registry and the standalone garbage collector.</summary>
public static class ResourceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ResourceApiOptions"/> (as given), the <see cref="ResourceStoreRegistry"/> singleton (over the
    /// registered IStorage, IAdmissionPlugins and TimeProvider; also a hosted service that runs the watch caches) and, when
    /// <see cref="ResourceApiOptions.StandaloneGarbageCollector"/> is on, the <see cref="GarbageCollector"/> hosted service.
    /// </summary>
    public static IServiceCollection AddResourceApi(this IServiceCollection services, ResourceApiOptions? options = null)
    {
        options ??= new ResourceApiOptions();
        services.AddSingleton(options);
        services.AddSingleton<ResourceStoreRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<ResourceStoreRegistry>());
        if (options.StandaloneGarbageCollector)
        {
            services.AddHostedService<GarbageCollector>();
        }

        return services;
    }
}
