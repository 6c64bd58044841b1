using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>Registers console streaming: its options and the provider connector.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="options"/> (validated here) and the provider connector singleton. With
    /// <see cref="ConsoleStreamOptions.ProviderClientTlsDirectory"/> the connector loads that material when it is first
    /// resolved (the host resolves it at start, so unusable files stop the start) and follows changes to the files.
    /// Needs the resource API (<see cref="ResourceStoreRegistry"/>) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddConsoleStreaming(this IServiceCollection services, ConsoleStreamOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var logger = sp.GetRequiredService<ILogger<ProviderConsoleConnector>>();
            CertificateReloader? material = null;
            if (options.ProviderClientTlsDirectory is { } directory)
            {
                material = CertificateReloader.Start(CertificateReloaderOptions.ForDirectory(directory), logger, time);
                ConsoleLog.ClientMaterialLoaded(logger, directory);
            }

            return new ProviderConsoleConnector(options, sp.GetRequiredService<ResourceStoreRegistry>(), material, time, logger);
        });
        return services;
    }
}
