using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc.Bench;

/// <summary>
/// The C# bench server: Kestrel, h2c on 127.0.0.1, our transport with default options and no interceptors (the python
/// server has none either). Prints <c>PORT n</c> once it accepts calls; stops on SIGTERM or Ctrl+C.
/// </summary>
internal static class BenchServer
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var port = arguments.GetInt32("port", 0);
        var builder = WebApplication.CreateSlimBuilder();
        // Nothing is logged per call by default, but the console logger would still cost a queue and a thread.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcTransport();

        await using var app = builder.Build();
        app.MapGrpcService(BenchService.CreateDefinition());
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Console.WriteLine($"PORT {new Uri(address).Port}");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
