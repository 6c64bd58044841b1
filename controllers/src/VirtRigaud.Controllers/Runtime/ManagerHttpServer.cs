using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtRigaud.Provider.Sdk.Metrics;

namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// The manager's probe and metrics HTTP endpoints: <c>/healthz</c> (200 while the process is healthy),
/// <c>/readyz</c> (200 once the informer caches have synced, 503 before), and <c>/metrics</c> (Prometheus text 0.0.4
/// of the manager's meter: <c>virtrigaud_*</c>, <c>workqueue_*</c>, event recorder). The exposition writer is the
/// provider SDK's <see cref="PrometheusTextExporter"/>, referenced rather than copied.
/// </summary>
/// <remarks>Start with <see cref="StartAsync"/>; the addresses are known after it returns. Thread-safe.</remarks>
public sealed class ManagerHttpServer : IAsyncDisposable
{
    private readonly WebApplication _health;
    private readonly WebApplication? _metrics;
    private readonly PrometheusTextExporter _exporter;

    private ManagerHttpServer(WebApplication health, WebApplication? metrics, PrometheusTextExporter exporter)
    {
        _health = health;
        _metrics = metrics;
        _exporter = exporter;
    }

    /// <summary>The probe address (http://host:port).</summary>
    public Uri HealthAddress { get; private set; } = null!;

    /// <summary>The metrics address, or null when metrics are off.</summary>
    public Uri? MetricsAddress { get; private set; }

    /// <summary>Starts listening; the endpoints answer from <paramref name="manager"/>'s state.</summary>
    public static async Task<ManagerHttpServer> StartAsync(ControllerManager manager, ManagerHttpServerOptions options, CancellationToken cancellationToken)
    {
        var exporter = PrometheusTextExporter.Start([ManagerMetrics.MeterName], manager.Metrics);
        var health = Create(options.HealthProbeEndpoint, manager.LoggerFactory);
        health.MapGet("/healthz", () => manager.IsHealthy ? Results.Text("ok") : Results.Text("leader election is not renewing", statusCode: StatusCodes.Status500InternalServerError));
        health.MapGet("/readyz", () => manager.IsReady ? Results.Text("ok") : Results.Text("informer caches are not synced", statusCode: StatusCodes.Status503ServiceUnavailable));
        WebApplication? metrics = null;
        if (options.MetricsEndpoint is { } metricsEndpoint)
        {
            metrics = Create(metricsEndpoint, manager.LoggerFactory);
            metrics.MapGet("/metrics", () => Results.Text(exporter.Collect(), PrometheusTextExporter.ContentType));
        }

        var server = new ManagerHttpServer(health, metrics, exporter);
        try
        {
            await health.StartAsync(cancellationToken).ConfigureAwait(false);
            server.HealthAddress = AddressOf(health);
            if (metrics is not null)
            {
                await metrics.StartAsync(cancellationToken).ConfigureAwait(false);
                server.MetricsAddress = AddressOf(metrics);
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>The current metrics text (what <c>/metrics</c> serves).</summary>
    public string CollectMetrics() => _exporter.Collect();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _health.DisposeAsync().ConfigureAwait(false);
        if (_metrics is not null)
        {
            await _metrics.DisposeAsync().ConfigureAwait(false);
        }

        _exporter.Dispose();
    }

    private static WebApplication Create(System.Net.IPEndPoint endpoint, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        return builder.Build();
    }

    private static Uri AddressOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
