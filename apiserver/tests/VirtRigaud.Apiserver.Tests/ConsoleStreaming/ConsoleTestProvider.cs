using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Mock.Hosting;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Service;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

/// <summary>
/// The mock provider hosted in process by the provider SDK on a free loopback port: plaintext (h2c, the insecure
/// opt-in), or mutual TLS when given a TLS directory (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>). Its service is
/// wrapped by <see cref="RecordingConsoleProvider"/>. Disposing stops it and removes its folder.
/// </summary>
internal sealed class ConsoleTestProvider : IAsyncDisposable
{
    private ConsoleTestProvider(ProviderServer server, string directory)
    {
        Server = server;
        Directory = directory;
    }

    public ProviderServer Server { get; }

    public string Directory { get; }

    /// <summary>What a Provider's <c>status.runtime.endpoint</c> says: <c>127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Server.Port}";

    public MockHypervisor Hypervisor => Server.Services.GetRequiredService<MockHypervisor>();

    public RecordingConsoleProvider Recorder => (RecordingConsoleProvider)Server.Services.GetRequiredService<ProviderServiceBase>();

    /// <summary>Starts the mock; <paramref name="tlsDirectory"/> switches on mutual TLS with the files there.</summary>
    public static async Task<ConsoleTestProvider> StartAsync(string? tlsDirectory = null, IReadOnlyList<string>? disabledCapabilities = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("virtrigaud-console-mock-").FullName;
        var emptyTls = Path.Combine(directory, "tls");
        System.IO.Directory.CreateDirectory(emptyTls);
        var settings = new MockProviderSettings
        {
            DataDirectory = Path.Combine(directory, "data"),
            MigrationStorageRoot = Path.Combine(directory, "migration"),
            DisabledCapabilities = disabledCapabilities ?? [],
        };
        var options = new ProviderRuntimeOptions
        {
            Port = 0,
            HealthPort = 0,
            BindAddress = IPAddress.Loopback.ToString(),
            TlsDirectory = tlsDirectory ?? emptyTls,
            CredentialsDirectory = Path.Combine(directory, "credentials"),
            InsecureOptIn = tlsDirectory is null,
            ProviderType = "mock",
        };
        try
        {
            var server = await ProviderServer.StartAsync(
                options,
                services =>
                {
                    services.AddMockProvider(settings);
                    services.AddSingleton<MockProviderService>();
                    services.AddSingleton<ProviderServiceBase>(sp => new RecordingConsoleProvider(sp.GetRequiredService<MockProviderService>()));
                },
                new ProviderStartOptions { LogOutput = TextWriter.Null, Environment = ProviderEnvironment.Empty });
            return new ConsoleTestProvider(server, directory);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Creates a VM on the mock and powers it on; returns its id (what the VirtualMachine's status.id says).</summary>
    public string CreateRunningVm(string name)
    {
        var id = Hypervisor.Create(new VmCreateSpec { Name = name, Cpu = 1, MemoryMiB = 256 }).VmId;
        Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        return id;
    }

    /// <summary>Writes server material for 127.0.0.1 issued by <paramref name="ca"/> into a new directory, for <see cref="StartAsync"/>.</summary>
    public static string WriteServerTls(TestCertificateAuthority ca, string parent)
    {
        var directory = Path.Combine(parent, "provider-tls");
        ca.WritePemFiles(ca.IssueLocalhostServerCertificate(), directory);
        return directory;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
