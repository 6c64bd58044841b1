using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// Maps the discovery endpoints: <c>/</c>, <c>/api</c>, <c>/apis</c> (legacy and aggregated v2/v2beta1 with ETag and
/// <c>Vary: Accept</c>), <c>/apis/infra.virtrigaud.io</c> and <c>/apis/infra.virtrigaud.io/v1beta1</c>. Documents are
/// built once; answering never touches storage, so the aggregator's availability probe stays fast.
/// </summary>
public static class DiscoveryEndpoints
{
    /// <summary>Adds the discovery routes (GET and HEAD) to <paramref name="app"/>. Authentication and authorization
    /// run before them in the pipeline.</summary>
    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/", methods, ServeRootAsync);
        app.MapMethods("/api", methods, ServeCoreAsync);
        app.MapMethods("/apis", methods, ServeApisAsync);
        app.MapMethods("/apis/" + GroupInfo.Group, methods, ServeGroupAsync);
        app.MapMethods("/apis/" + GroupInfo.ApiVersion, methods, ServeResourceListAsync);
        return app;
    }

    private static Task ServeRootAsync(HttpContext context) => ServeLegacyOnlyAsync(context, DiscoveryDocuments.RootDocument);

    private static Task ServeGroupAsync(HttpContext context) => ServeLegacyOnlyAsync(context, DiscoveryDocuments.GroupDocument);

    private static Task ServeResourceListAsync(HttpContext context) => ServeLegacyOnlyAsync(context, DiscoveryDocuments.ResourceListDocument);

    private static Task ServeApisAsync(HttpContext context) => ServeNegotiatedAsync(context, DiscoveryDocuments.Apis);

    private static Task ServeCoreAsync(HttpContext context) => ServeNegotiatedAsync(context, DiscoveryDocuments.Core);

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
