using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Libvirt.Service;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Libvirt.Hosting;

/// <summary>Registers the libvirt provider with the provider SDK's host.</summary>
public static class LibvirtProviderServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LibvirtConnection"/> (settings from the environment, the ssh runner made on first use and ended
    /// on shutdown) and the provider service. Mutates <paramref name="services"/>.
    /// </summary>
    public static IServiceCollection AddLibvirtProvider(this IServiceCollection services)
    {
        services.AddSingleton(sp => LibvirtProviderSettings.FromEnvironment(sp.GetRequiredService<ProviderEnvironment>(), sp.GetRequiredService<ProviderRuntimeOptions>()));
        services.AddSingleton(sp => new LibvirtConnection(
            sp.GetRequiredService<LibvirtProviderSettings>(),
            sp.GetRequiredService<ProviderCredentials>(),
            sp.GetRequiredService<ProviderEnvironment>(),
            sp.GetRequiredService<ILogger<LibvirtConnection>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ProviderServiceBase, LibvirtProviderService>();
        return services;
    }
}
