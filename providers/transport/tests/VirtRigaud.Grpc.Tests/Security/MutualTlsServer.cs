using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port, HTTP/2 only, secured with
/// <see cref="GrpcTls.UseMutualTls"/>. Its one endpoint answers "&lt;http protocol&gt; &lt;tls protocol&gt; &lt;client subject&gt;".
/// </summary>
internal sealed class MutualTlsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MutualTlsServer(WebApplication app, int port, RecordingLogger logs)
    {
        _app = app;
        Port = port;
        Logs = logs;
    }

    public int Port { get; }

    public RecordingLogger Logs { get; }

    public static async Task<MutualTlsServer> StartAsync(CertificateReloader reloader, bool requireClientCertificate = true)
    {
        var logs = new RecordingLogger();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseMutualTls(reloader, requireClientCertificate);
        }));

        var app = builder.Build();
        app.Run(context =>
        {
            var tls = context.Features.GetRequiredFeature<ITlsHandshakeFeature>();
            var subject = context.Connection.ClientCertificate?.Subject ?? "-";
            return context.Response.WriteAsync($"{context.Request.Protocol} {tls.Protocol} {subject}", context.RequestAborted);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new MutualTlsServer(app, new Uri(address).Port, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
