using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// Maps the discovery endpoints of the server's <see cref="ApiCatalog"/>: <c>/</c>, <c>/api</c> and <c>/apis</c>
/// (legacy and aggregated v2/v2beta1 with ETag and <c>Vary: Accept</c>), <c>/api/v1</c> when the core group is served,
/// and <c>/apis/{group}</c> and <c>/apis/{group}/{version}</c> for every group. Documents are built once; answering
/// never touches storage, so the aggregator's availability probe stays fast.
/// </summary>
public static class DiscoveryEndpoints
{
    /// <summary>Adds the discovery routes (GET and HEAD) to <paramref name="app"/>. Authentication and authorization
    /// run before them in the pipeline.</summary>
    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        var catalog = app.ServiceProvider.GetRequiredService<ApiCatalog>();
        var documents = catalog.Discovery;
        app.MapMethods("/", methods, context => ServeLegacyOnlyAsync(context, documents.RootDocument));
        app.MapMethods("/api", methods, context => ServeNegotiatedAsync(context, documents.Core));
        app.MapMethods("/apis", methods, context => ServeNegotiatedAsync(context, documents.Apis));
        foreach (var (group, version) in catalog.GroupVersions)
        {
            var resourceList = documents.ResourceListDocument(group, version)!;
            if (group.Length == 0)
            {
                app.MapMethods("/api/" + version, methods, context => ServeLegacyOnlyAsync(context, resourceList));
                continue;
            }

            var groupDocument = documents.GroupDocument(group)!;
            app.MapMethods("/apis/" + group, methods, context => ServeLegacyOnlyAsync(context, groupDocument));
            app.MapMethods($"/apis/{group}/{version}", methods, context => ServeLegacyOnlyAsync(context, resourceList));
        }

        return app;
    }

    private static Task ServeNegotiatedAsync(HttpContext context, Func<DiscoveryFormat, CachedDocument> document)
    {
        // The answer depends on Accept (aggregated or legacy): caches must key on it.
        context.Response.Headers.Vary = "Accept";
        var format = DiscoveryNegotiation.Negotiate(context.Request.Headers.Accept, allowAggregated: true);
        return format == DiscoveryFormat.None
            ? DiscoveryStatusWriter.NotAcceptableAsync(context, DiscoveryNegotiation.AcceptedMediaTypes)
            : document(format).WriteAsync(context);
    }

    private static Task ServeLegacyOnlyAsync(HttpContext context, CachedDocument document) =>
        DiscoveryNegotiation.Negotiate(context.Request.Headers.Accept, allowAggregated: false) == DiscoveryFormat.None
            ? DiscoveryStatusWriter.NotAcceptableAsync(context, [DiscoveryNegotiation.JsonContentType])
            : document.WriteAsync(context);
}
