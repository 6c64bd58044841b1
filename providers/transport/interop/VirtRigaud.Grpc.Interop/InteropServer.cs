using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Interop;

/// <summary>
/// The interop server: Kestrel serving <see cref="TestServiceImpl"/> over HTTP/2 (h2c, or TLS when
/// <see cref="InteropServerOptions.Tls"/> is set) on one address. Started by the command line and, in-process, by the
/// interop tests.
/// </summary>
public sealed class InteropServer : IAsyncDisposable
{
    // Calls still running when the server stops are cancelled after this long rather than waited for.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;

    private InteropServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port the server listens on (the one Kestrel picked when the options asked for 0).</summary>
    public int Port { get; }

    /// <summary>Starts listening; returns once the port is bound.</summary>
    public static async Task<InteropServer> StartAsync(InteropServerOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(InteropServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.Address, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (options.Tls is { } tls)
            {
                listen.UseMutualTls(tls, options.RequireClientCertificate);
            }
        }));
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.Services.AddGrpcTransport();

        var app = builder.Build();
        app.MapGrpcService(new TestServiceImpl().CreateDefinition());
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new InteropServer(app, new Uri(address).Port);
    }

    /// <summary>Stops accepting calls, cancels the running ones and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
