using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hosting;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>
/// The real mock provider hosted in this process by the provider SDK on free loopback ports: plaintext, or mTLS from a
/// TLS directory (tls.crt, tls.key, ca.crt). <see cref="Faults"/> changes its failure injection at run time.
/// </summary>
public sealed class InProcessMockProvider : IAsyncDisposable
{
    private readonly ProviderServer _server;
    private readonly string _dataDirectory;

    private InProcessMockProvider(ProviderServer server, string dataDirectory)
    {
        _server = server;
        _dataDirectory = dataDirectory;
    }

    /// <summary>host:port of the gRPC server.</summary>
    public string Endpoint => $"127.0.0.1:{_server.Port}";

    /// <summary>The mock's failure injection.</summary>
    public FaultInjector Faults => _server.Services.GetRequiredService<FaultInjector>();

    public static async Task<InProcessMockProvider> StartAsync(string? tlsDirectory = null)
    {
        var ports = FreePorts.Take(2);
        var data = Directory.CreateTempSubdirectory("virtrigaud-mock-data-").FullName;
        var options = new ProviderRuntimeOptions
        {
            Port = ports[0],
            HealthPort = ports[1],
            BindAddress = "127.0.0.1",
            ProviderType = "mock",
            InsecureOptIn = tlsDirectory is null,
            TlsDirectory = tlsDirectory ?? Path.Combine(data, "no-tls"),
            CredentialsDirectory = Path.Combine(data, "no-credentials"),
        };
        var server = await ProviderServer.StartAsync(options, services => services.AddMockProvider(new MockProviderSettings { DataDirectory = data }));
        return new InProcessMockProvider(server, data);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
