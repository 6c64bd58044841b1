using System.Text;
using System.Text.Json;

namespace VirtRigaud.Apiserver.Health;

/// <summary>
/// Maps <c>/healthz</c>, <c>/livez</c>, <c>/readyz</c> with kube-apiserver's behaviour (k8s.io/apiserver healthz):
/// <c>ok</c>; <c>?verbose</c> lists <c>[+]check ok</c> lines and <c>&lt;probe&gt; check passed</c>; <c>?exclude=name</c>
/// (repeatable) skips a check; a failure answers 500 with every line and <c>[-]check failed: reason withheld</c>
/// (the reason goes to the log only); <c>/&lt;probe&gt;/&lt;check&gt;</c> runs one check. Also maps <c>/version</c>.
/// </summary>
public static class HealthEndpoints
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>
    /// Adds the health and version routes. Requires <see cref="HealthServiceCollectionExtensions.AddApiHealth"/>; the
    /// checks are those registered when this is called.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var checks = app.ServiceProvider.GetServices<IHealthCheck>().ToList();
        if (checks.Count == 0)
        {
            throw new InvalidOperationException("MapHealthEndpoints needs services.AddApiHealth()");
        }

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthEndpoints).FullName!);
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        foreach (var (probe, name) in new[] { (HealthProbes.Healthz, "healthz"), (HealthProbes.Livez, "livez"), (HealthProbes.Readyz, "readyz") })
        {
            var probeChecks = checks.Where(c => c.Probes.HasFlag(probe)).ToList();
            app.MapMethods("/" + name, methods, context => ServeProbeAsync(context, name, probeChecks, logger));
            foreach (var check in probeChecks)
            {
                app.MapMethods("/" + name + "/" + check.Name, methods, context => ServeCheckAsync(context, name, check, logger));
            }
        }

        app.MapMethods("/version", methods, ServeVersionAsync);
        return app;
    }

    private static async Task ServeProbeAsync(HttpContext context, string probe, IReadOnlyList<IHealthCheck> checks, ILogger logger)
    {
        var query = context.Request.Query;
        var excluded = new SortedSet<string>(query["exclude"].Where(e => e is not null)!, StringComparer.Ordinal);
        var output = new StringBuilder();
        var failed = false;
        foreach (var check in checks)
        {
            if (excluded.Remove(check.Name))
            {
                output.Append("[+]").Append(check.Name).Append(" excluded: ok\n");
                continue;
            }

            if (await RunAsync(check, probe, logger, context.RequestAborted).ConfigureAwait(false) is null)
            {
                output.Append("[+]").Append(check.Name).Append(" ok\n");
            }
            else
            {
                // The reason stays in the log: these endpoints are open to unauthenticated probes.
                output.Append("[-]").Append(check.Name).Append(" failed: reason withheld\n");
                failed = true;
            }
        }

        if (excluded.Count > 0)
        {
            output.Append("warn: some health checks cannot be excluded: no matches for ")
                .AppendJoin(',', excluded.Select(e => "\"" + e + "\""))
                .Append('\n');
        }

        if (failed)
        {
            await WriteTextAsync(context, StatusCodes.Status500InternalServerError, output.Append(probe).Append(" check failed\n").ToString()).ConfigureAwait(false);
            return;
        }

        var body = query.ContainsKey("verbose") ? output.Append(probe).Append(" check passed\n").ToString() : "ok";
        await WriteTextAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    private static async Task ServeCheckAsync(HttpContext context, string probe, IHealthCheck check, ILogger logger)
    {
        var error = await RunAsync(check, probe, logger, context.RequestAborted).ConfigureAwait(false);
        await (error is null
            ? WriteTextAsync(context, StatusCodes.Status200OK, "ok")
            : WriteTextAsync(context, StatusCodes.Status500InternalServerError, "internal server error: " + error.Message + "\n")).ConfigureAwait(false);
    }

    /// <summary>Runs a check; returns its failure, or null when healthy.</summary>
    private static async Task<Exception?> RunAsync(IHealthCheck check, string probe, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await check.CheckAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            HealthLog.CheckFailed(logger, check.Name, probe, e);
            return e;
        }
    }

    private static Task ServeVersionAsync(HttpContext context)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(ServerVersion.Info, HealthJsonContext.Default.VersionInfo);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = TextPlain;
        response.Headers.XContentTypeOptions = "nosniff";
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
