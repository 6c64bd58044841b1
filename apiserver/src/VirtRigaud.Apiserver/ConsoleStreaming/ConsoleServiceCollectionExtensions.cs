using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>Registers console streaming: its options and the provider connector.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="options"/> (validated here) and the provider connector singleton. With
    /// <see cref="ConsoleStreamOptions.ProviderClientTlsDirectory"/> the connector loads that material when it is first
    /// resolved (the host resolves it at start, so unusable files stop the start), or at the first console that needs
    /// it when the files do not exist yet, and follows changes to the files.
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
            var material = options.ProviderClientTlsDirectory is { } directory
                ? ProviderClientMaterial.From(directory, logger, time)
                : ProviderClientMaterial.None(logger, time);

            return new ProviderConsoleConnector(options, sp.GetRequiredService<ResourceStoreRegistry>(), material, time, logger);
        });
        return services;
    }
}
