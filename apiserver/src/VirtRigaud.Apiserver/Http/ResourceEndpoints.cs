using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Maps the resource endpoints of every group version of the server's <see cref="ApiCatalog"/>: every path below
/// <c>/apis/{group}/{version}/</c> (or <c>/api/v1/</c> for the core group) — namespaced, all-namespaces and legacy
/// <c>/watch/</c> forms, subresources — goes to <see cref="ResourceHandler"/>, which dispatches on the
/// <see cref="RequestInfo"/> the host parsed. The group-version discovery documents themselves and the namespaces of the
/// core group are the discovery part's and <see cref="StandaloneNamespaceEndpoints"/>' more specific routes.
/// </summary>
public static class ResourceEndpoints
{
    /// <summary>Maps the catch-all resource routes. Needs <see cref="ResourceServiceCollectionExtensions.AddResourceApi"/>.</summary>
    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder app)
    {
        var catalog = app.ServiceProvider.GetRequiredService<ApiCatalog>();
        foreach (var (group, version) in catalog.GroupVersions)
        {
            var prefix = group.Length == 0 ? "/api/" + version : $"/apis/{group}/{version}";
            app.Map(prefix + "/{**path}", ResourceHandler.HandleAsync);
        }

        return app;
    }
}
