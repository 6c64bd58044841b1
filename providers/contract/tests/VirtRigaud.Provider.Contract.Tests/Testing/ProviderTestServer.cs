using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Contract.Tests.Testing;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (h2c, HTTP/2 only) serving one <see cref="ProviderServiceBase"/> through our
/// transport, and a <see cref="GrpcChannel"/> to it.
/// </summary>
internal sealed class ProviderTestServer : IAsyncDisposable
{
    /// <summary>The bound on every wait for a condition; generous because CI machines are loaded.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private ProviderTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>Starts <paramref name="provider"/> on <paramref name="port"/> (0 = any free port).</summary>
    public static async Task<ProviderTestServer> StartAsync(ProviderServiceBase provider, int port = 0)
    {
        // The empty builder reads no configuration files, so parallel tests start no file watchers.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddLogging();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = Patience);
        builder.Services.AddGrpcTransport();
        var app = builder.Build();
        app.MapGrpcService(provider.CreateDefinition());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ProviderTestServer(app, new Uri(address));
    }

    public ProviderClient CreateClient(ProviderClientOptions? options = null) => new(Channel, options);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
