using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Service;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Mock.Hosting;

/// <summary>Registers the mock provider with the provider SDK's host (its <c>configureServices</c> callback).</summary>
public static class MockProviderServiceCollectionExtensions
{
    /// <summary>The key of the HttpClient ImagePrepare downloads with.</summary>
    public const string DownloadClientKey = "virtrigaud-mock-downloads";

    /// <summary>
    /// Adds the mock: <see cref="MockHypervisor"/> (started before the ports open), <see cref="FaultInjector"/> with its
    /// interceptor (innermost, so the SDK's metrics and logs see injected failures) and file watcher, the meter, and
    /// <see cref="MockProviderService"/> as the <see cref="ProviderServiceBase"/>. Resolve <see cref="MockHypervisor"/>
    /// and <see cref="FaultInjector"/> from the server's services to drive them in process. Mutates <paramref name="services"/>.
    /// </summary>
    public static IServiceCollection AddMockProvider(this IServiceCollection services, MockProviderSettings settings)
    {
        var hypervisorOptions = settings.ToHypervisorOptions();
        services.AddSingleton(hypervisorOptions);
        services.AddSingleton(settings.ToFaultsFileOptions());
        services.AddSingleton(sp => new FaultInjector(sp.GetService<IMeterFactory>()));
        services.AddKeyedSingleton(DownloadClientKey, (_, _) => new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            // The image spec's own timeout bounds a download (MockHypervisorOptions.DefaultDownloadTimeout otherwise).
            Timeout = Timeout.InfiniteTimeSpan,
        });
        services.AddSingleton(sp => new MockHypervisor(
            hypervisorOptions,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<FaultInjector>(),
            sp.GetRequiredKeyedService<HttpClient>(DownloadClientKey),
            sp.GetRequiredService<ILogger<MockHypervisor>>()));
        services.AddHostedService<MockHypervisorStarter>();
        services.AddSingleton<FaultsFileWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<FaultsFileWatcher>());
        services.AddSingleton<FaultInterceptor>();
        services.AddOptions<GrpcServerOptions>().PostConfigure<FaultInterceptor>((grpc, interceptor) => grpc.Interceptors.Add(interceptor));
        services.AddSingleton<ProviderServiceBase, MockProviderService>();
        services.AddProviderMeter(FaultInjector.MeterName);
        return services;
    }
}
