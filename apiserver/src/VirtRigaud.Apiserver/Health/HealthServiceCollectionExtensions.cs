using Microsoft.Extensions.DependencyInjection.Extensions;
using VirtRigaud.Apiserver.Hosting;

namespace VirtRigaud.Apiserver.Health;

/// <summary>Registers what <see cref="HealthEndpoints.MapHealthEndpoints"/> needs.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in checks <c>ping</c>, <c>storage</c> (needs an <see cref="VirtRigaud.Storage.IStorage"/>
    /// registration) and <c>shutdown</c> (reads <see cref="ServerLifecycle"/>), <see cref="HealthOptions"/>, and — unless
    /// already registered — <see cref="ServerLifecycle"/> and <see cref="TimeProvider.System"/>. Further checks are
    /// added as <see cref="IHealthCheck"/> singletons; they run after the built-ins, in registration order.
    /// </summary>
    public static IServiceCollection AddApiHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServerLifecycle>();
        services.AddSingleton<IHealthCheck, PingHealthCheck>();
        services.AddSingleton<IHealthCheck, StorageHealthCheck>();
        services.AddSingleton<IHealthCheck, ShutdownHealthCheck>();
        return services;
    }
}
