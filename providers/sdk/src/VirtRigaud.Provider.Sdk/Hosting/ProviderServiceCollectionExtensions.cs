using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Provider.Sdk.Metrics;

namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>Registrations a provider implementation adds in the <c>configureServices</c> callback of <see cref="ProviderHost"/>.</summary>
public static class ProviderServiceCollectionExtensions
{
    /// <summary>
    /// Exports the instruments of meter <paramref name="meterName"/> (the implementation's own) on <c>/metrics</c>,
    /// next to the SDK's. Mutates <paramref name="services"/>.
    /// </summary>
    public static IServiceCollection AddProviderMeter(this IServiceCollection services, string meterName)
    {
        services.AddSingleton(new ProviderMeterRegistration(meterName));
        return services;
    }
}
