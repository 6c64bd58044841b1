using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc.Tests.Client;

/// <summary>
/// A real Kestrel server on 127.0.0.1 speaking HTTP/2 only over cleartext (h2c with prior knowledge), whose endpoints
/// are plain request delegates that speak the gRPC wire format by hand (<see cref="Wire"/>).
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:port</c>.</summary>
    public Uri Address { get; }

    /// <summary>A bound on every wait in the tests: generous, so that a slow machine does not fail them, yet finite.</summary>
    public static TimeSpan Bound { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Starts a server with the given endpoints (path → handler) on <paramref name="port"/> (0 = any free port).</summary>
    public static async Task<TestServer> StartAsync(IReadOnlyDictionary<string, RequestDelegate> endpoints, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);

            // Streaming requests may be idle for long; Kestrel would otherwise abort them after 5 s without data.
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
        var app = builder.Build();
        foreach (var (path, handler) in endpoints)
        {
            app.MapPost(path, handler);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TestServer(app, new Uri(address));
    }

    /// <summary>Starts a server with one endpoint for an <see cref="EchoService"/> method.</summary>
    public static Task<TestServer> StartAsync(string method, RequestDelegate handler) =>
        StartAsync(new Dictionary<string, RequestDelegate> { [EchoService.PathOf(method)] = handler });

    /// <summary>A port nothing listens on (bound and released at once).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A channel to this server.</summary>
    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        // Not graceful: handlers that wait for an abort would otherwise hold the shutdown for its whole timeout.
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
    }
}
