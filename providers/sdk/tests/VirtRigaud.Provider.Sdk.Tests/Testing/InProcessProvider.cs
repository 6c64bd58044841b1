using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Health.V1;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>
/// <see cref="TestProviderService"/> hosted in-process by the SDK on free loopback ports (plaintext h2c unless a TLS
/// directory is given), with a channel, a <see cref="ProviderClient"/>, an HTTP client for the health port, and the
/// log lines it wrote. Disposing stops the server and removes its temporary directory.
/// </summary>
internal sealed class InProcessProvider : IAsyncDisposable
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck = Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthWatch = Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Watch");

    private readonly string _directory;

    private InProcessProvider(ProviderServer server, TestProviderControl control, StringWriter log, string directory, GrpcChannel channel)
    {
        Server = server;
        Control = control;
        LogWriter = log;
        _directory = directory;
        Channel = channel;
        Client = new ProviderClient(channel, new ProviderClientOptions { WaitForReady = false });
        Http = new HttpClient { BaseAddress = server.HealthAddress, Timeout = Wait.Long };
    }

    public ProviderServer Server { get; }

    public TestProviderControl Control { get; }

    public GrpcChannel Channel { get; }

    public ProviderClient Client { get; }

    public HttpClient Http { get; }

    private StringWriter LogWriter { get; }

    /// <summary>Every log line written so far.</summary>
    public string Log
    {
        get
        {
            lock (LogWriter)
            {
                return LogWriter.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the provider. <paramref name="configure"/> adjusts the options (ports 0, 127.0.0.1, insecure opt-in and an
    /// empty TLS directory by default); <paramref name="channelOptions"/> sets up the client side (TLS);
    /// <paramref name="prepare"/> steers the provider before it starts (the first readiness check sees it).
    /// </summary>
    public static async Task<InProcessProvider> StartAsync(
        Func<ProviderRuntimeOptions, ProviderRuntimeOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        GrpcChannelOptions? channelOptions = null,
        ProviderEnvironment? environment = null,
        Action<TestProviderControl>? prepare = null)
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-sdk-test-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "tls"));
        Directory.CreateDirectory(Path.Combine(directory, "credentials"));
        var options = new ProviderRuntimeOptions
        {
            Port = 0,
            HealthPort = 0,
            BindAddress = IPAddress.Loopback.ToString(),
            TlsDirectory = Path.Combine(directory, "tls"),
            CredentialsDirectory = Path.Combine(directory, "credentials"),
            InsecureOptIn = true,
            ProviderType = "test",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
        };
        options = configure?.Invoke(options) ?? options;
        var control = new TestProviderControl();
        prepare?.Invoke(control);
        var log = new StringWriter();
        ProviderServer server;
        try
        {
            server = await ProviderServer.StartAsync(
                options,
                s =>
                {
                    s.AddSingleton(control);
                    s.AddSingleton<ProviderServiceBase, TestProviderService>();
                    services?.Invoke(s);
                },
                new ProviderStartOptions { LogOutput = TextWriter.Synchronized(log), Environment = environment ?? ProviderEnvironment.Empty });
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var channel = GrpcChannel.ForAddress(server.GrpcAddress, channelOptions);
        return new InProcessProvider(server, control, log, directory, channel);
    }

    /// <summary>The directory the provider's credentials are read from.</summary>
    public string CredentialsDirectory => Server.Options.CredentialsDirectory;

    /// <summary>grpc.health.v1 Check of <paramref name="service"/>.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync(string service)
    {
        var call = Channel.CreateCallInvoker().AsyncUnaryCall(HealthCheck, new HealthCheckRequest { Service = service }, new CallOptions().WithDeadline(Wait.Long));
        return (await call.ResponseAsync).Status;
    }

    /// <summary>Opens grpc.health.v1 Watch of <paramref name="service"/>; the caller reads and disposes it.</summary>
    public AsyncServerStreamingCall<HealthCheckResponse> WatchHealth(string service) =>
        Channel.CreateCallInvoker().AsyncServerStreamingCall(HealthWatch, new HealthCheckRequest { Service = service }, new CallOptions().WithDeadline(Wait.Long));

    /// <summary>Follows grpc.health.v1 Watch of <paramref name="service"/> until it reports <paramref name="expected"/>.</summary>
    public async Task WaitForHealthAsync(string service, HealthCheckResponse.Types.ServingStatus expected)
    {
        using var call = Channel.CreateCallInvoker().AsyncServerStreamingCall(HealthWatch, new HealthCheckRequest { Service = service }, new CallOptions().WithDeadline(Wait.Long));
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Status == expected)
            {
                return;
            }
        }

        throw new InvalidOperationException($"health watch of \"{service}\" ended before {expected}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
