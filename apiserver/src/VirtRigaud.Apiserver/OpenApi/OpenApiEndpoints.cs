using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.OpenApi.Protobuf;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// Maps <c>/openapi/v2</c>, <c>/openapi/v3</c> (the index) and each group version's v3 document (of the server's
/// <see cref="ApiCatalog"/>). The v3 documents are
/// JSON only: a request that accepts only protobuf gets 406. <c>/openapi/v2</c> is also served as gnostic protobuf
/// (and at the legacy <c>/swagger-2.0.0.pb-v1</c>), see <see cref="OpenApiV2Endpoint"/>: kubectl 1.20 to 1.28 read it
/// for explain and client-side validation. Answers carry the
/// document's ETag and honour <c>If-None-Match</c>; the v3 document requested with the current <c>?hash=</c> is
/// immutable and says so, with another hash it redirects to the current one (as kube-openapi does).
/// </summary>
public static class OpenApiEndpoints
{
    private static readonly string[] Accepted = ["application/json"];

    /// <summary>Adds the OpenAPI routes (GET and HEAD) to <paramref name="app"/>.</summary>
    public static IEndpointRouteBuilder MapOpenApiEndpoints(this IEndpointRouteBuilder app)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        var documents = app.ServiceProvider.GetRequiredService<ApiCatalog>().OpenApi;
        app.MapMethods("/openapi/v2", methods, OpenApiV2Endpoint.ServeAsync);
        app.MapMethods(OpenApiV2Endpoint.LegacyProtobufPath, methods, OpenApiV2Endpoint.ServeLegacyAsync);
        app.MapMethods("/openapi/v3", methods, context => ServeAsync(context, documents.V3Index));
        foreach (var path in documents.GroupVersionPaths)
        {
            var url = "/openapi/v3/" + path;
            app.MapMethods(url, methods, context => ServeGroupVersionAsync(context, url, documents.V3Document(path)!));
        }

        return app;
    }

    private static Task ServeGroupVersionAsync(HttpContext context, string url, CachedDocument document)
    {
        var hash = context.Request.Query["hash"];
        if (!StringValues.IsNullOrEmpty(hash))
        {
            if (!string.Equals(hash.ToString(), document.Hash, StringComparison.Ordinal))
            {
                // An outdated hash: send the client to the current document rather than serve it under a stale URL.
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = url + "?hash=" + document.Hash;
                return Task.CompletedTask;
            }

            var now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
            context.Response.Headers.CacheControl = "public, immutable";
            context.Response.Headers.Expires = now.AddYears(1).ToString("r", CultureInfo.InvariantCulture);
        }

        return ServeAsync(context, document);
    }

    private static Task ServeAsync(HttpContext context, CachedDocument document)
    {
        context.Response.Headers.Vary = "Accept";
        return AcceptsJson(context.Request.Headers.Accept)
            ? document.WriteAsync(context)
            : DiscoveryStatusWriter.NotAcceptableAsync(context, Accepted);
    }

    /// <summary>Whether an Accept header admits plain JSON (absent, <c>*/*</c>, <c>application/*</c>, <c>application/json</c>).</summary>
    internal static bool AcceptsJson(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        return ranges.Any(r => (r.Quality ?? 1.0) > 0
            && (r.MatchesAllTypes
                || (string.Equals(r.Type.Value, "application", StringComparison.OrdinalIgnoreCase)
                    && (r.MatchesAllSubTypes || string.Equals(r.SubType.Value, "json", StringComparison.OrdinalIgnoreCase)))));
    }
}
