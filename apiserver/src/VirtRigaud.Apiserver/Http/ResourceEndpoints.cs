using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Maps the resource endpoints of <c>infra.virtrigaud.io/v1beta1</c>: every path below
/// <c>/apis/infra.virtrigaud.io/v1beta1/</c> (namespaced, all-namespaces and legacy <c>/watch/</c> forms, subresources)
/// goes to <see cref="ResourceHandler"/>, which dispatches on the <see cref="RequestInfo"/> the host parsed. The
/// group-version discovery document itself (<c>GET /apis/infra.virtrigaud.io/v1beta1</c>) is the discovery part's
/// more specific route.
/// </summary>
public static class ResourceEndpoints
{
    /// <summary>The path prefix of every resource of the group version.</summary>
    public static string GroupVersionPath { get; } = $"/apis/{GroupInfo.Group}/{GroupInfo.Version}";

    /// <summary>Maps the catch-all resource route. Needs <see cref="ResourceServiceCollectionExtensions.AddResourceApi"/>.</summary>
    public static IEndpointRouteBuilder MapResourceEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map(GroupVersionPath + "/{**path}", ResourceHandler.HandleAsync);
        return app;
    }
}
