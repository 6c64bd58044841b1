using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Health.V1;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Conformance.Tests.Testing;

/// <summary>
/// A provider implementation hosted in-process by the provider SDK (the same host the provider binaries use, so the
/// SDK's error mapping and health service are in the path), plaintext h2c on a free loopback port, ready (health
/// "provider" SERVING) when <see cref="StartAsync"/> returns. Disposing stops it and removes its directory.
/// </summary>
internal sealed class InProcessProvider : IAsyncDisposable
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthWatch =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Watch");

    private readonly TemporaryDirectory _directory;

    private InProcessProvider(ProviderServer server, TemporaryDirectory directory)
    {
        Server = server;
        _directory = directory;
        Channel = GrpcChannel.ForAddress(server.GrpcAddress);
        Invoker = Channel.CreateCallInvoker();
        Client = new ProviderClient(Invoker);
    }

    public ProviderServer Server { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker Invoker { get; }

    public ProviderClient Client { get; }

    /// <summary>A directory the provider may use (data, migration storage), removed with the provider.</summary>
    public string Directory => _directory.Path;

    /// <summary>
    /// Starts a provider whose services <paramref name="configureServices"/> registers (it gets a scratch directory to
    /// put data in) and waits until it reports SERVING.
    /// </summary>
    public static async Task<InProcessProvider> StartAsync(Action<IServiceCollection, string> configureServices)
    {
        var directory = new TemporaryDirectory("virtrigaud-conformance-provider-");
        try
        {
            var options = new ProviderRuntimeOptions
            {
                Port = 0,
                HealthPort = 0,
                BindAddress = IPAddress.Loopback.ToString(),
                TlsDirectory = directory.Sub("tls"),
                CredentialsDirectory = directory.Sub("credentials"),
                InsecureOptIn = true,
                ProviderType = "conformance-test",
            };
            var server = await ProviderServer.StartAsync(
                options,
                services => configureServices(services, directory.Path),
                new ProviderStartOptions { LogOutput = TextWriter.Null, Environment = ProviderEnvironment.Empty });
            var provider = new InProcessProvider(server, directory);
            try
            {
                await provider.WaitUntilServingAsync();
                return provider;
            }
            catch
            {
                await provider.DisposeAsync();
                throw;
            }
        }
        catch
        {
            if (System.IO.Directory.Exists(directory.Path))
            {
                directory.Dispose();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Follows grpc.health.v1 Watch("provider") until SERVING: the SDK checks readiness in the background.</summary>
    private async Task WaitUntilServingAsync()
    {
        using var call = Invoker.AsyncServerStreamingCall(
            HealthWatch, new HealthCheckRequest { Service = ProviderServer.HealthServiceName }, new CallOptions().WithDeadline(Wait.Long));
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
            {
                return;
            }
        }

        throw new InvalidOperationException("the provider's health watch ended before SERVING");
    }
}
