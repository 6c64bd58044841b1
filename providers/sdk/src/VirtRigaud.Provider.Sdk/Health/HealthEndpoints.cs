using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.Metrics;

namespace VirtRigaud.Provider.Sdk.Health;

/// <summary>
/// The health port's HTTP endpoints (upstream's three plus <c>/metrics</c>):
/// <code>
/// GET /healthz   200 "ok" while the process runs (liveness; upstream probes readiness here too)
/// GET /readyz    200 "ready" when serving, else 503 "not ready: &lt;reason&gt;"
/// GET /health    the JSON report (validate and shutdown checks), 200 when healthy, else 503
/// GET /metrics   Prometheus text exposition 0.0.4
/// </code>
/// Read-only; every answer comes from state the host keeps current, so probes never reach the hypervisor.
/// </summary>
internal static class HealthEndpoints
{
    private const string TextPlain = "text/plain; charset=utf-8";

    public static void Map(IEndpointRouteBuilder endpoints, ProviderLifecycle lifecycle, PrometheusTextExporter exporter)
    {
        endpoints.MapGet("/healthz", (RequestDelegate)(http => WriteTextAsync(http, StatusCodes.Status200OK, "ok")));
        endpoints.MapGet("/readyz", (RequestDelegate)(http =>
        {
            if (lifecycle.IsServing)
            {
                return WriteTextAsync(http, StatusCodes.Status200OK, "ready");
            }

            var reason = lifecycle.IsShuttingDown ? "shutting down" : lifecycle.Readiness.Message;
            return WriteTextAsync(http, StatusCodes.Status503ServiceUnavailable, "not ready: " + reason);
        }));
        endpoints.MapGet("/health", (RequestDelegate)(http => WriteReportAsync(http, Report(lifecycle))));
        endpoints.MapGet("/metrics", (RequestDelegate)(http =>
        {
            http.Response.ContentType = PrometheusTextExporter.ContentType;
            return http.Response.WriteAsync(exporter.Collect(), http.RequestAborted);
        }));
    }

    /// <summary>The report for the current state. Pure with respect to the lifecycle.</summary>
    internal static HealthReport Report(ProviderLifecycle lifecycle)
    {
        var (ready, message, checkedAt, duration) = lifecycle.Readiness;
        var validate = new HealthCheckResult
        {
            Name = "validate",
            Status = checkedAt is null ? "unknown" : ready ? "healthy" : "unhealthy",
            Message = message.Length == 0 ? null : message,
            Duration = duration.Ticks * 100,
            Timestamp = checkedAt,
        };
        var shutdown = new HealthCheckResult
        {
            Name = "shutdown",
            Status = lifecycle.IsShuttingDown ? "unhealthy" : "healthy",
            Message = lifecycle.IsShuttingDown ? "shutting down" : null,
        };
        var checks = new Dictionary<string, HealthCheckResult>(StringComparer.Ordinal) { ["validate"] = validate, ["shutdown"] = shutdown };
        var summary = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["healthy"] = checks.Values.Count(c => c.Status == "healthy"),
            ["unhealthy"] = checks.Values.Count(c => c.Status == "unhealthy"),
            ["unknown"] = checks.Values.Count(c => c.Status == "unknown"),
        };
        var status = summary["unhealthy"] > 0 ? "unhealthy" : summary["unknown"] > 0 ? "unknown" : "healthy";
        return new HealthReport { Status = status, Checks = checks, Summary = summary };
    }

    private static Task WriteTextAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = TextPlain;
        return http.Response.WriteAsync(body, http.RequestAborted);
    }

    private static async Task WriteReportAsync(HttpContext http, HealthReport report)
    {
        http.Response.StatusCode = report.Status == "healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, report, HealthJsonContext.Default.HealthReport, http.RequestAborted).ConfigureAwait(false);
    }
}
