using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hosting;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Mock.Tests.Testing;

/// <summary>
/// The mock provider hosted in process by the provider SDK on free loopback ports (plaintext h2c), with a
/// <see cref="ProviderClient"/> and the hypervisor and fault injector it serves. Disposing stops it and removes its
/// temporary folder.
/// </summary>
internal sealed class InProcessMock : IAsyncDisposable
{
    private readonly StringWriter _log;

    private InProcessMock(ProviderServer server, string directory, StringWriter log, TimeProvider time)
    {
        Server = server;
        Directory = directory;
        _log = log;
        Time = time;
        Channel = GrpcChannel.ForAddress(server.GrpcAddress);
        Client = new ProviderClient(Channel, new ProviderClientOptions { WaitForReady = false, TaskPollInterval = TimeSpan.FromMilliseconds(20) });
    }

    public ProviderServer Server { get; }

    public string Directory { get; }

    public TimeProvider Time { get; }

    public GrpcChannel Channel { get; }

    public ProviderClient Client { get; }

    public MockHypervisor Hypervisor => Server.Services.GetRequiredService<MockHypervisor>();

    public FaultInjector Faults => Server.Services.GetRequiredService<FaultInjector>();

    /// <summary>Every log line the provider wrote so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the mock; <paramref name="configure"/> adjusts its settings (data directory already in a temporary folder).</summary>
    public static async Task<InProcessMock> StartAsync(Func<MockProviderSettings, MockProviderSettings>? configure = null, TimeProvider? time = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("virtrigaud-mock-grpc-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "tls"));
        var settings = new MockProviderSettings
        {
            DataDirectory = Path.Combine(directory, "data"),
            MigrationStorageRoot = Path.Combine(directory, "migration"),
        };
        settings = configure?.Invoke(settings) ?? settings;
        var options = new ProviderRuntimeOptions
        {
            Port = 0,
            HealthPort = 0,
            BindAddress = IPAddress.Loopback.ToString(),
            TlsDirectory = Path.Combine(directory, "tls"),
            CredentialsDirectory = Path.Combine(directory, "credentials"),
            InsecureOptIn = true,
            ProviderType = "mock",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
        };
        var log = new StringWriter();
        time ??= TimeProvider.System;
        try
        {
            var server = await ProviderServer.StartAsync(
                options,
                services => services.AddMockProvider(settings),
                new ProviderStartOptions { LogOutput = TextWriter.Synchronized(log), Environment = ProviderEnvironment.Empty, TimeProvider = time });
            return new InProcessMock(server, directory, log, time);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
