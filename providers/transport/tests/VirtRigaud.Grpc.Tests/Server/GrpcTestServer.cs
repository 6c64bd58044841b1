using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (ephemeral port, HTTP/2 only, so cleartext means h2c with prior knowledge) and
/// a plain <see cref="HttpClient"/> that speaks HTTP/2 to it.
/// </summary>
internal sealed class GrpcTestServer : IAsyncDisposable
{
    /// <summary>The bound on every wait for a condition; reaching it fails the test rather than hanging it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient(new SocketsHttpHandler())
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<GrpcTestServer> StartAsync(GrpcServiceDefinition definition, Action<GrpcServerOptions>? configure = null) =>
        StartAsync(endpoints => endpoints.MapGrpcService(definition), configure);

    public static async Task<GrpcTestServer> StartAsync(
        Action<WebApplication> map,
        Action<GrpcServerOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        ILoggerProvider? logging = null,
        HttpProtocols protocols = HttpProtocols.Http2)
    {
        // The empty builder reads no configuration files, so parallel tests start no file watchers.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        builder.Services.AddLogging(logs =>
        {
            if (logging is not null)
            {
                logs.AddProvider(logging).SetMinimumLevel(LogLevel.Trace);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = Patience);
        builder.Services.AddGrpcTransport(configure);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new GrpcTestServer(app, new Uri(address));
    }

    /// <summary>Stops the host (its ApplicationStopping token fires) while the client stays usable.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
